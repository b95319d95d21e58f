"""The packaged CAMEO ↔ PLOVER mapping and CAMEO quad classes."""

from __future__ import annotations

import pytest

from communique import cameo


def test_cameo_mapping_carries_its_licence() -> None:
    data = cameo.mapping()
    assert data["license"] == "CC BY-SA 4.0"
    assert "Open Event Data Alliance" in data["attribution"]
    assert len(data["codes"]) > 200


@pytest.mark.parametrize(
    ("code", "expected"),
    [("042", ("CONSULT", "visit")), ("043", ("CONSULT", "visit")), ("041", ("CONSULT", "phone")),
     ("04", ("CONSULT", None)), ("0431", ("CONSULT", "visit")), ("1121", ("ACCUSE", "allege")),
     ("163", ("COERCE", "restrict")), ("010", None), ("999", None)],
)
def test_plover_for(code: str, expected: tuple[str, str | None] | None) -> None:
    assert cameo.plover_for(code) == expected


@pytest.mark.parametrize(
    ("plover", "mode", "code"),
    [("CONSULT", None, "040"), ("CONSULT", "visit", "042"), ("CONSULT", "phone", "041"),
     ("ACCUSE", None, "110"), ("ACCUSE", "investigate", "090"), ("AGREE", "nonsense", "030"),
     ("consult", "third-party", "044"), ("NOT-A-TYPE", None, None)],
)
def test_cameo_for(plover: str, mode: str | None, code: str | None) -> None:
    assert cameo.cameo_for(plover, mode) == code


def test_every_default_code_maps_back_to_its_type() -> None:
    types = {entry["plover"] for entry in cameo.mapping()["codes"].values()}
    for kind in types:
        code = cameo.cameo_for(kind)
        assert code is not None
        assert cameo.plover_for(code)[0] == kind  # type: ignore[index]


@pytest.mark.parametrize(("code", "quad"), [("010", 1), ("057", 1), ("0611", 2), ("08", 2), ("090", 3), ("138", 3), ("14", 4), ("2042", 4)])
def test_quad_class(code: str, quad: int) -> None:
    assert cameo.quad_class(code) == quad
    assert cameo.QUAD_CLASSES[quad]


@pytest.mark.parametrize("code", ["", "x1", "21", "00"])
def test_quad_class_refuses_non_codes(code: str) -> None:
    with pytest.raises(ValueError):
        cameo.quad_class(code)


def test_parse_table_reads_modes_contexts_and_shared_roots() -> None:
    table = cameo.parse_table(
        "# header\n08: CONCEDE\n080: CONCEDE,   ,  # Yield\n08: RETREAT\n"
        "0861: RETREAT, access , peacekeeping # Receive peacekeepers\n"
        "091: ACCUSE, investigate, crime; corruption # Investigate crime\n"
        "091: ACCUSE, other, x # a duplicate: the first wins\n"
    )
    assert table["roots"] == {"08": ["CONCEDE", "RETREAT"]}
    assert table["codes"]["080"] == {"plover": "CONCEDE", "mode": None, "context": [], "label": "Yield"}
    assert table["codes"]["0861"]["mode"] == "access"
    assert table["codes"]["091"]["context"] == ["crime", "corruption"]
    assert table["codes"]["091"]["mode"] == "investigate"
