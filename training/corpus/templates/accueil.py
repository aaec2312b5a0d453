"""Templates for the accueil queue: general questions, complaints and messages that fit no other queue."""

INTENTS = {
    "renseignement-general": {
        "subjects": ["Horaires", "Question", "Renseignement", "Contact", "Demande d'information"],
        "main": [
            "Quels sont les horaires d'ouverture de la mairie le samedi ?",
            "La mairie est-elle ouverte pendant les vacances de {mois} ?",
            "Pouvez-vous me donner le numéro de téléphone du service qui s'occupe de ma demande ?",
            "Je voudrais savoir à quel service m'adresser pour une question administrative.",
            "Comment obtenir un rendez-vous avec le maire ?",
            "La mairie annexe est-elle toujours ouverte le {jour} après-midi ?",
            "Où se trouve la mairie et y a-t-il un parking à proximité ?",
            "Pouvez-vous me dire quand a lieu le prochain conseil municipal ?",
            "Je souhaiterais recevoir le bulletin municipal par courrier.",
            "Est-ce qu'il y a un service de légalisation de signature à la mairie ?",
            "J'ai une question, à qui dois-je l'envoyer ?",
            "Quelle est l'adresse mail pour écrire directement à un élu ?",
        ],
        "details": [
            "Je travaille la semaine jusqu'à {heure}.",
            "Je viens d'arriver dans la commune.",
            "Je n'ai pas trouvé l'information sur votre site.",
            "Merci de me répondre rapidement.",
            "Je vous laisse mon numéro : {telephone}.",
        ],
        "en": [
            "What are the town hall opening hours on Saturday?",
            "Who should I contact for an administrative question?",
            "Is the town hall open during the holidays?",
        ],
    },
    "reclamation": {
        "subjects": ["Réclamation", "Mécontentement", "Plainte", "Aucune réponse à mon courrier", "Mauvais accueil"],
        "main": [
            "J'ai envoyé trois courriers depuis {mois} et personne ne m'a jamais répondu, c'est inadmissible.",
            "Je tiens à me plaindre de l'accueil désagréable que j'ai reçu au guichet le {date_passee}.",
            "Cela fait un mois que j'attends un rappel de vos services, je suis très mécontent.",
            "Je suis scandalisé par la façon dont ma demande a été traitée.",
            "Le standard de la mairie ne répond jamais, j'ai appelé dix fois.",
            "Je voudrais déposer une réclamation officielle contre un agent municipal.",
            "Votre site internet ne fonctionne pas et je n'arrive à joindre personne, c'est lamentable.",
            "On m'a renvoyé d'un service à l'autre pendant une heure sans résultat.",
            "Je conteste la décision qui m'a été notifiée et je souhaite être reçu par un responsable.",
            "Je suis déçu du manque de considération de la mairie envers les habitants de notre quartier.",
        ],
        "details": [
            "Je n'hésiterai pas à saisir le médiateur.",
            "Je suis habitant de la commune depuis {annee}.",
            "J'attends des excuses.",
            "Mon dossier porte le numéro {numero}{numero}.",
            "J'envisage d'écrire au maire directement.",
        ],
        "en": [
            "I have sent three letters since {en_mois} and nobody has answered, this is unacceptable.",
            "I would like to complain about the rude reception I received at the front desk.",
            "Nobody ever answers the town hall phone.",
        ],
    },
    "autre": {
        "subjects": ["Demande", "Bonjour", "Question diverse", "(sans objet)", "Suite à notre échange", "Urgent"],
        "main": [
            "Bonjour, pouvez-vous me rappeler s'il vous plaît ?",
            "Je voudrais parler à quelqu'un au sujet de ma situation.",
            "Suite à notre conversation téléphonique, je vous envoie les documents demandés.",
            "Voici le document que vous m'avez demandé.",
            "Je n'ai pas compris le courrier que j'ai reçu, pouvez-vous m'expliquer ?",
            "Je vous remercie pour votre aide de la semaine dernière.",
            "Ma demande concerne plusieurs choses, est-ce qu'on peut en parler de vive voix ?",
            "Je ne sais pas trop à qui m'adresser pour mon problème.",
            "Est-ce que vous avez bien reçu mon message précédent ?",
            "Je souhaiterais proposer une idée pour améliorer la vie dans la commune.",
            "Je suis étudiant et je fais une enquête sur les services municipaux, puis-je vous poser des questions ?",
            "Je cherche un stage dans les services de la mairie.",
        ],
        "details": [
            "Mon numéro est le {telephone}.",
            "Je suis disponible le {jour}.",
            "Merci d'avance.",
            "C'est assez compliqué à expliquer par écrit.",
            "Je m'appelle {prenom} {nom}.",
        ],
        "en": [
            "Hello, could someone call me back please?",
            "I am not sure who to contact about my problem.",
            "Please find attached the document you asked for.",
        ],
    },
}

OTHER_LANGUAGES = [
    ("renseignement-general", "es", "Hola, ¿a qué hora abre el ayuntamiento el sábado?"),
    ("renseignement-general", "de", "Guten Tag, wie sind die Öffnungszeiten des Rathauses?"),
    ("renseignement-general", "it", "Buongiorno, qual è l'orario di apertura del municipio?"),
    ("autre", "ar", "مرحبا، أريد التحدث مع شخص ما، هل يمكنكم الاتصال بي؟"),
    ("autre", "tr", "Merhaba, biri beni arayabilir mi lütfen?"),
    ("reclamation", "en", "I am writing to complain: I have been waiting for an answer for two months."),
]
