"""Russian-language news: the same records as for English, read by a Russian pipeline.

The pipeline loads only when Russian text arrives (``communique.ru.pipeline.load_ru_nlp``): natasha
annotates the text (``carrier``), and communique's Russian components find the entities, quotes
and meetings into the same ``doc._.cq_*`` extensions the English components fill, so that one
``to_analysis`` turns either into the contract's record.
"""
