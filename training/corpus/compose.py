"""Assembles one citizen message from template pieces: greeting, request, details, other request, closing, signature, quote."""
import random
from dataclasses import dataclass, field

from slots import SlotFiller
from styles import apply_style, fix_articles, lower_first

FR_GREETINGS = ["Bonjour,", "Bonjour,", "Bonjour,", "Bonjour Madame, Monsieur,", "Madame, Monsieur,", "Bonsoir,",
                "Bonjour à vous,", "Monsieur le Maire,", "Madame la Maire,", "Bonjour madame,", "Bonjour monsieur,",
                "Hello,", "Bonjour à toute l'équipe,", "Mesdames, Messieurs,"]
FR_INTROS = ["Je me permets de vous écrire au sujet d'une démarche.", "Je vous contacte concernant la demande suivante.",
             "Je me permets de vous solliciter.", "J'espère que vous allez bien.", "Je reviens vers vous.",
             "Je vous écris de la part de ma famille.", "Voici ma demande."]
FR_CLOSINGS = ["Merci d'avance.", "Cordialement,", "Cordialement.", "Bien cordialement,", "Bonne journée.",
               "Merci de votre retour.", "Je vous remercie par avance de votre réponse.", "Salutations.", "Merci !",
               "Dans l'attente de votre réponse, veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
               "Je vous prie d'agréer, Monsieur le Maire, l'expression de ma haute considération.",
               "En vous remerciant par avance, je vous prie de recevoir mes sincères salutations.",
               "Merci beaucoup et bonne fin de journée.", "Bien à vous,", "Dans l'attente de vous lire,"]
EN_GREETINGS = ["Hello,", "Hi,", "Dear Sir or Madam,", "Good morning,", "Dear town hall,", "Hello there,"]
EN_CLOSINGS = ["Thank you.", "Best regards,", "Kind regards,", "Thanks in advance.", "Many thanks,",
               "Looking forward to hearing from you.", "Sincerely,", "Cheers,"]
SECONDARY_CONNECTORS = ["Par ailleurs, ", "Autre chose : ", "PS : ", "Et aussi, ", "J'en profite pour vous demander : ",
                        "Deuxième question : ", "Au passage, "]
FOLLOW_UPS = ["Je me permets de relancer ma demande ci-dessous, restée sans réponse.",
              "Je n'ai toujours pas de nouvelles de ma demande.", "Pouvez-vous me dire où en est ma demande ?",
              "Petite relance svp.", "Je complète mon message précédent.", "Toujours rien depuis mon dernier mail..."]
QUOTED_HEADERS = ["Le {date_passee} à {heure}, Mairie <contact@mairie.example> a écrit :",
                  "Le {date_passee}, Accueil Mairie a écrit :",
                  "-----Message d'origine-----\nDe : Mairie <contact@mairie.example>\nEnvoyé : {jour} {date_passee}\nObjet : Votre demande",
                  "Le {jour} {date_passee}, contact@mairie.example a écrit :"]
QUOTED_ACKNOWLEDGEMENTS = [
    "Madame, Monsieur,\nNous accusons réception de votre message et le transmettons au service concerné.\nCordialement,\nL'accueil de la mairie",
    "Bonjour,\nVotre demande a bien été enregistrée sous la référence {numero}{numero}.\nLe service vous répondra dans les meilleurs délais.",
    "Bonjour,\nPourriez-vous nous préciser votre demande et nous communiquer vos coordonnées ?\nBien cordialement,\nService accueil",
    "Ceci est un message automatique. Merci de ne pas y répondre.",
]
MOBILE_FOOTERS = ["Envoyé de mon iPhone", "Envoyé depuis mon smartphone Samsung Galaxy", "Envoyé depuis Outlook pour Android",
                  "Obtenir Outlook pour iOS", "Envoyé de mon mobile Orange"]
DISCLAIMER = ("Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses "
              "destinataires. Toute utilisation non conforme à sa destination est interdite.")

STYLES = ["clean"] * 8 + ["no-accents"] * 2 + ["typos"] * 3 + ["no-accents+typos"] * 2 + ["sms"] * 3 + \
         ["sms+typos"] * 2 + ["lowercase"]
SMS_LIKE = {"sms", "sms+typos"}
# Share of French messages whose request is a generic frame around an intent's topic instead of an intent template.
FRAMED_SHARE = 0.25


@dataclass
class Pieces:
    """The template material one split may use for one intent."""
    subjects: list = field(default_factory=list)
    main: list = field(default_factory=list)
    details: list = field(default_factory=list)
    en: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    frames: list = field(default_factory=list)


def _signature(rng: random.Random, slots: SlotFiller) -> str:
    name = rng.choice([f"{slots['prenom']} {slots['nom']}", f"{slots['prenom']} {slots['NOM']}",
                       f"Mme {slots['nom']}", f"M. {slots['nom']}", slots["prenom"], f"{slots['NOM']} {slots['prenom']}"])
    lines = [name]
    if rng.random() < 0.35:
        lines.append(f"{slots['adresse']}")
    if rng.random() < 0.35:
        lines.append(rng.choice(["Tél : ", "Tel. ", "", "Portable : "]) + slots["telephone"])
    if rng.random() < 0.15:
        lines.insert(0, "-- ")
    return "\n".join(lines)


def compose(pieces: Pieces, rng: random.Random, channel: str, lang: str, secondary_pool: list,
            fixed_body: str | None = None) -> tuple[str, str, str]:
    """Returns (subject, text, style). `fixed_body` replaces the French request for foreign-language one-liners."""
    slots = SlotFiller(rng)
    style = rng.choice(STYLES) if lang == "fr" else rng.choice(["clean", "clean", "clean", "typos", "lowercase"])
    if lang == "fr" and rng.random() < 0.02:
        style = "caps"
    if lang not in ("fr", "en"):
        style = "clean"
    sms = style in SMS_LIKE
    if fixed_body is not None:
        body = [fixed_body]
    elif lang == "en":
        body = [rng.choice(pieces.en)]
    else:
        framed = pieces.topics and pieces.frames and rng.random() < FRAMED_SHARE
        body = [rng.choice(pieces.frames).replace("{topic}", rng.choice(pieces.topics)) if framed else rng.choice(pieces.main)]
        for detail in rng.sample(pieces.details, k=min(len(pieces.details), rng.choice([0, 0, 1, 1, 1, 2]))):
            if rng.random() < 0.2:
                body.insert(0, detail)
            else:
                body.append(detail)
        if secondary_pool and rng.random() < 0.12:
            body.append(rng.choice(SECONDARY_CONNECTORS) + lower_first(rng.choice(secondary_pool)))
    core = " ".join(body) if rng.random() < 0.7 else "\n".join(body)

    parts = []
    formal = channel == "email" and not sms
    if lang == "fr":
        if (formal and rng.random() < 0.85) or (not formal and rng.random() < 0.4):
            parts.append(rng.choice(FR_GREETINGS))
        if formal and rng.random() < 0.2:
            parts.append(rng.choice(FR_INTROS))
    elif lang == "en" and rng.random() < 0.7:
        parts.append(rng.choice(EN_GREETINGS))
    follow_up = channel == "email" and lang == "fr" and fixed_body is None and rng.random() < 0.06
    parts.append(rng.choice(FOLLOW_UPS) if follow_up else core)
    if lang == "fr" and ((formal and rng.random() < 0.8) or (not formal and rng.random() < 0.35)):
        parts.append(rng.choice(FR_CLOSINGS))
    elif lang == "en" and rng.random() < 0.6:
        parts.append(rng.choice(EN_CLOSINGS))
    if channel == "email" and rng.random() < 0.7:
        parts.append(_signature(rng, slots))
    if channel == "email" and rng.random() < 0.12:
        parts.append(rng.choice(MOBILE_FOOTERS))
    if channel == "email" and rng.random() < 0.03:
        parts.append(DISCLAIMER)

    separator = "\n\n" if channel == "email" and rng.random() < 0.7 else "\n" if rng.random() < 0.5 else " "
    text = separator.join(parts)
    if follow_up:
        text += "\n\n" + rng.choice(QUOTED_HEADERS) + "\n" + "\n".join("> " + line for line in core.split("\n"))
    elif channel == "email" and rng.random() < 0.1:
        quote = rng.choice(QUOTED_ACKNOWLEDGEMENTS)
        text += "\n\n" + rng.choice(QUOTED_HEADERS) + "\n" + "\n".join("> " + line for line in quote.split("\n"))

    subject = ""
    if channel == "email" or rng.random() < 0.5:
        if pieces.subjects and rng.random() < 0.75:
            subject = rng.choice(pieces.subjects)
        elif rng.random() < 0.5:
            subject = rng.choice(["Demande", "Question", "Renseignement", "Bonjour", "Urgent"])
        if follow_up or (channel == "email" and subject and rng.random() < 0.1):
            subject = rng.choice(["RE: ", "Re : ", "TR: ", "Fwd: "]) + subject
    text = fix_articles(text.format_map(slots))
    subject = fix_articles(subject.format_map(slots))
    if lang in ("fr", "en"):
        text = apply_style(text, style, rng)
        if sms and subject:
            subject = apply_style(subject, "sms", rng)
    return subject, text.strip(), style
