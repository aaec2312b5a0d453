"""Templates for the cimetiere queue."""

INTENTS = {
    "concession": {
        "subjects": ["Concession funéraire", "Renouvellement concession", "Achat concession", "Concession expirée"],
        "main": [
            "Je souhaite acheter une concession au cimetière communal pour mon mari et moi.",
            "J'ai reçu un avis indiquant que la concession familiale arrive à échéance, comment la renouveler ?",
            "Quels sont les tarifs des concessions de 15, 30 et 50 ans ?",
            "La concession de mes grands-parents est-elle toujours valable ?",
            "Un panneau indique que la tombe de ma famille va être reprise par la commune, que faire ?",
            "Peut-on convertir une concession de 15 ans en concession trentenaire ?",
            "Je voudrais savoir qui est titulaire de la concession où repose mon père.",
            "Est-il possible de réserver une concession à l'avance, sans décès ?",
            "Je voudrais une copie du titre de concession que ma mère a perdu.",
            "Combien de places reste-t-il dans notre caveau familial ?",
        ],
        "details": [
            "La tombe est au nom de la famille {nom}.",
            "Elle a été achetée en {annee}.",
            "Elle se trouve dans l'allée {numero} du cimetière ancien.",
            "Je suis l'héritière de ma mère.",
            "Nous habitons maintenant à {ville}.",
        ],
        "en": [
            "I would like to buy a burial plot at the municipal cemetery.",
            "Our family grave lease is about to expire, how can we renew it?",
            "What are the prices of 15 and 30-year cemetery plots?",
        ],
    },
    "inhumation": {
        "subjects": ["Inhumation", "Dispersion des cendres", "Columbarium", "Autorisation d'inhumation"],
        "main": [
            "Les obsèques de ma mère ont lieu le {date_future}, faut-il une autorisation d'inhumation de la mairie ?",
            "Nous souhaitons disperser les cendres de mon père au jardin du souvenir.",
            "Reste-t-il des cases disponibles au columbarium ?",
            "Peut-on inhumer une urne dans le caveau familial ?",
            "Mon oncle ne résidait pas dans la commune, peut-il être enterré dans votre cimetière ?",
            "Les pompes funèbres nous demandent l'accord de la mairie pour l'inhumation.",
            "Je voudrais faire transférer le corps de mon grand-père vers un autre cimetière.",
            "Comment se passe une exhumation et qui doit la demander ?",
            "Le nom du défunt doit-il être déclaré pour une dispersion des cendres en pleine nature ?",
            "Nous voulons déposer l'urne de ma grand-mère au columbarium la semaine prochaine.",
        ],
        "details": [
            "Il est décédé le {date_passee} à {ville}.",
            "Les pompes funèbres {nom} s'occupent de tout.",
            "La cérémonie est prévue à {heure}.",
            "La famille possède une concession dans le vieux cimetière.",
            "Elle avait {age_adulte} ans.",
        ],
        "en": [
            "We would like to scatter my father's ashes in the garden of remembrance.",
            "Are there any niches available in the columbarium?",
            "The funeral is on {date_future}, do we need a burial authorisation?",
        ],
    },
    "entretien-sepulture": {
        "subjects": ["Travaux sur une tombe", "Entretien cimetière", "Tombe abîmée", "Allées du cimetière"],
        "main": [
            "Je voudrais faire poser une nouvelle pierre tombale, faut-il une autorisation de travaux ?",
            "Les allées du cimetière sont pleines de mauvaises herbes, c'est indigne.",
            "La tombe voisine penche et menace de s'effondrer sur celle de mes parents.",
            "Des vases et des plaques ont été volés sur la tombe de mon mari.",
            "Un arbre du cimetière a endommagé la sépulture de ma famille.",
            "Le robinet d'eau du cimetière est cassé depuis des semaines.",
            "Quelles sont les heures d'ouverture du cimetière pour faire entrer un marbrier ?",
            "Peut-on faire graver un nom supplémentaire sur le monument ?",
            "Les poubelles du cimetière débordent de fleurs fanées.",
            "Je suis âgée et ne peux plus entretenir la tombe, la commune propose-t-elle un service ?",
        ],
        "details": [
            "La tombe est dans le carré {numero}.",
            "Le marbrier {nom} interviendra en {mois}.",
            "J'y vais tous les dimanches.",
            "C'est au cimetière du {rue}.",
            "Je vous envoie des photos.",
        ],
        "en": [
            "I would like to have a new headstone installed, do I need permission?",
            "The cemetery paths are full of weeds.",
            "Flowers and plaques were stolen from my husband's grave.",
        ],
    },
}

OTHER_LANGUAGES = [
    ("concession", "pt", "Bom dia, gostaria de comprar uma sepultura no cemitério municipal."),
    ("inhumation", "it", "Buongiorno, vorremmo disperdere le ceneri di mio padre nel giardino della memoria."),
    ("entretien-sepulture", "es", "Hola, la tumba de mis padres está dañada por un árbol del cementerio."),
]
