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


@pytest.mark.parametrize(
    ("code", "score"),
    [("010", 0.0), ("0874", 10.0), ("042", 1.9), ("112", -2.0), ("138", -7.0), ("190", -10.0), ("04", 1.0),
     ("1214", -4.0),  # not in the table: its three-digit parent, 121
     ("1389", -7.0)],  # an unknown sub-code of 138
)
def test_goldstein(code: str, score: float) -> None:
    assert cameo.goldstein(code) == score


@pytest.mark.parametrize("code", ["", "x1", "---"])
def test_goldstein_of_a_non_code_is_none(code: str) -> None:
    assert cameo.goldstein(code) is None


def test_goldstein_table_names_its_source_and_covers_every_plover_code() -> None:
    header = cameo.GOLDSTEIN_FILE.read_text(encoding="utf-8").split("\n", 3)
    assert "GDELT" in "".join(header) and "Goldstein" in header[0]
    table = cameo.goldstein_table()
    assert all(-10.0 <= v <= 10.0 for v in table.values())
    assert all(cameo.goldstein(code) is not None for code in cameo.mapping()["codes"])
    # cooperation scores above conflict: the scale's ordering across quad classes
    assert cameo.goldstein("057") > cameo.goldstein("111") > cameo.goldstein("190")  # type: ignore[operator]
