"""ArticleResults -> an rdflib Dataset: one named graph per article.

Each article's graph holds the article's metadata, the entities it mentions (type, label, sameAs), its asserted
triples as plain statements, and one claim node per extraction (rdf:Statement style, with PROV-O provenance,
span, rule, confidence and modality). Hedged, negated and reported claims exist only as claim nodes, so plain
queries see asserted facts only.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import DCTERMS, OWL, PROV, RDF, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from .iri import article_iri, claim_iri, graph_iri, mention_iri
from .link import clean_name
from .types import ArticleResult, Claim, Modality
from .vocab import KG, SCHEMA, bind_prefixes

MODALITY_IRI = {
    Modality.ASSERTED: KG.Asserted,
    Modality.NEGATED: KG.Negated,
    Modality.HEDGED: KG.Hedged,
    Modality.REPORTED: KG.Reported,
}
KG_NS = str(KG._NS)


def new_dataset() -> Dataset:
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    return dataset


def _date_literal(value: str) -> Literal:
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.date)


def add_claim(graph: Graph, claim: Claim) -> URIRef:
    node = claim_iri(
        claim.article_id, claim.subject, claim.property, claim.object, claim.start, claim.end, in_title=claim.in_title
    )
    subject, prop, obj = URIRef(claim.subject), URIRef(KG_NS + claim.property), URIRef(claim.object)
    graph.add((node, RDF.type, KG.Claim))
    graph.add((node, RDF.subject, subject))
    graph.add((node, RDF.predicate, prop))
    graph.add((node, RDF.object, obj))
    graph.add((node, KG.modality, MODALITY_IRI[claim.modality]))
    graph.add((node, PROV.wasDerivedFrom, article_iri(claim.article_id)))
    graph.add((node, KG.evidence, Literal(claim.sentence)))
    graph.add((node, KG.sentenceStart, Literal(claim.sentence_start)))
    graph.add((node, KG.sentenceEnd, Literal(claim.sentence_end)))
    graph.add((node, KG.charStart, Literal(claim.start)))
    graph.add((node, KG.charEnd, Literal(claim.end)))
    graph.add((node, KG.rule, Literal(claim.rule)))
    graph.add((node, KG.confidence, Literal(decimal_lexical(claim.confidence), datatype=XSD.decimal)))
    graph.add((node, KG.reason, Literal(claim.reason)))
    if claim.cue:
        graph.add((node, KG.cue, Literal(claim.cue)))
    if claim.source:
        source = URIRef(claim.source) if claim.source.startswith("https://") else Literal(claim.source)
        graph.add((node, KG.reportedBy, source))
    if claim.date:
        graph.add((node, KG.eventDate, _date_literal(claim.date)))
    if claim.metonymy:
        graph.add((node, KG.metonymy, Literal(True)))
    if claim.in_title:
        graph.add((node, KG.inTitle, Literal(True)))  # the spans index into the headline
    if claim.modality is Modality.ASSERTED:
        graph.add((subject, prop, obj))
    return node


def article_graph(dataset: Dataset, result: ArticleResult) -> Graph:
    """Replace (or create) the named graph of one article with its extraction."""
    name = graph_iri(result.article.id)
    dataset.remove_graph(name)
    graph = dataset.graph(name)
    article = result.article
    node = article_iri(article.id)
    graph.add((node, RDF.type, KG.Article))
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, DCTERMS.identifier, Literal(article.id)))
    if article.title:
        graph.add((node, DCTERMS.title, Literal(article.title)))
    if article.date:
        graph.add((node, DCTERMS.date, _date_literal(article.date)))
    if article.url:
        graph.add((node, DCTERMS.source, URIRef(article.url) if _safe_iri(article.url) else Literal(article.url)))
    for entity in result.entities:
        iri = URIRef(entity.iri)
        graph.add((iri, RDF.type, URIRef(KG_NS + entity.cls)))
        graph.add((iri, SKOS.prefLabel, Literal(entity.label, lang="en")))
        graph.add((iri, RDFS.label, Literal(entity.label, lang="en")))
        for same in entity.same_as:
            graph.add((iri, OWL.sameAs, URIRef(same)))
        if not entity.known:
            graph.add((iri, KG.unresolved, Literal(True)))
    _add_mentions(graph, result)
    for claim in result.claims:
        add_claim(graph, claim)
    return graph


def _add_mentions(graph: Graph, result: ArticleResult) -> None:
    """Each entity's mentions in the article, with their spans (NewsReader's gaf:denotedBy), and the surface
    forms it was named by as skos:altLabel, so a search for "Zelenskyy" finds the entity its label spells
    "Zelensky". Pronouns and definite descriptions are mentions but no names."""
    labels = {e.iri: e.label for e in result.entities}
    article = article_iri(result.article.id)
    for mention in result.mentions:
        if mention.entity not in labels:
            continue
        entity = URIRef(mention.entity)
        node = mention_iri(result.article.id, mention.start, mention.end, in_title=mention.in_title)
        graph.add((entity, KG.denotedBy, node))
        graph.add((node, RDF.type, KG.Mention))
        graph.add((node, KG.anchorOf, Literal(mention.text)))
        graph.add((node, KG.charStart, Literal(mention.start)))
        graph.add((node, KG.charEnd, Literal(mention.end)))
        graph.add((node, KG.linkedBy, Literal(mention.how)))
        graph.add((node, PROV.wasDerivedFrom, article))
        if mention.in_title:
            graph.add((node, KG.inTitle, Literal(True)))
        if (
            mention.how != "coref"
            and clean_name(mention.text) not in ("", labels[mention.entity])
            and (mention.text[:1].isupper())
        ):
            graph.add((entity, SKOS.altLabel, Literal(clean_name(mention.text), lang="en")))


def _safe_iri(text: str) -> bool:
    return text.startswith(("http://", "https://")) and not any(c in text for c in ' <>"{}|\\^`\n\t')


def build_dataset(results: Iterable[ArticleResult], dataset: Dataset | None = None) -> Dataset:
    dataset = dataset if dataset is not None else new_dataset()
    for result in results:
        article_graph(dataset, result)
    return dataset


def decimal_lexical(value: float, places: int = 3) -> str:
    """``value`` to ``places`` decimals as Oxigraph writes an xsd:decimal back (no trailing zeros: "0.85", "1"),
    so that build's files, the store and its exports spell a confidence alike."""
    return format(Decimal(f"{value:.{places}f}").normalize(), "f")
