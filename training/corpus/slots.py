"""Slot values that fill the templates: fictitious people, places and dates of a mid-sized French town."""
import random

FIRST_NAMES_F = ["Marie", "Camille", "Léa", "Chloé", "Inès", "Sophie", "Nathalie", "Isabelle", "Fatima", "Aïcha",
                 "Manon", "Julie", "Sandrine", "Véronique", "Emma", "Jade", "Louise", "Yasmine", "Agnès", "Hélène",
                 "Monique", "Françoise", "Laëtitia", "Océane", "Nadia", "Christelle", "Brigitte", "Maëlys"]
FIRST_NAMES_M = ["Jean", "Pierre", "Thomas", "Nicolas", "Karim", "Mohamed", "Julien", "Sébastien", "Éric", "Luc",
                 "Hugo", "Lucas", "Mathis", "Théo", "Antoine", "François", "Jérôme", "Mamadou", "Yanis", "Rémi",
                 "Gérard", "Bernard", "Olivier", "Stéphane", "Kevin", "Dylan", "Loïc", "Benoît"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
              "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Benali",
              "Nguyen", "Diallo", "Haddad", "Le Gall", "Kowalski", "Da Silva", "Rousseau", "Blanc", "Guérin", "Muller"]
CHILD_NAMES = ["Léo", "Gabriel", "Raphaël", "Louis", "Arthur", "Jules", "Adam", "Nathan", "Sacha", "Nolan",
               "Alice", "Rose", "Lina", "Ambre", "Mia", "Anna", "Lou", "Zoé", "Léna", "Maya", "Noé", "Aya"]
STREETS = ["rue Victor Hugo", "rue Jean Jaurès", "avenue de la République", "rue Pasteur", "rue de la Gare",
           "chemin des Vignes", "allée des Tilleuls", "boulevard Gambetta", "rue du Moulin", "place de l'Église",
           "impasse des Lilas", "rue Émile Zola", "avenue Jean Moulin", "rue des Écoles", "route de Lyon",
           "rue du Stade", "rue Paul Bert", "avenue Foch", "rue des Peupliers", "chemin de la Croix",
           "rue Anatole France", "rue de la Paix", "quai de la Marne", "rue Louis Pergaud", "allée des Cerisiers",
           "rue du 8 Mai 1945", "rue Gustave Eiffel", "square Bir-Hakeim", "rue des Acacias", "rue Pierre Curie"]
SCHOOLS = ["l'école Jules Ferry", "l'école maternelle Les Coquelicots", "l'école Jean Moulin", "l'école Paul Langevin",
           "l'école élémentaire Pasteur", "l'école du Centre", "l'école des Tilleuls", "l'école Marie Curie",
           "l'école maternelle Les Petits Loups", "le groupe scolaire Louise Michel", "l'école Jacques Prévert"]
CLASSES = ["petite section", "moyenne section", "grande section", "CP", "CE1", "CE2", "CM1", "CM2"]
TOWNS = ["Lyon", "Marseille", "Lille", "Nantes", "Rennes", "Toulouse", "Bordeaux", "Strasbourg", "Dijon", "Metz",
         "Tours", "Limoges", "Grenoble", "Rouen", "Brest", "Nancy", "Angers", "Amiens", "Poitiers", "Besançon",
         "Alger", "Casablanca", "Dakar", "Lisbonne", "Bruxelles", "Tunis"]
ROOMS = ["la salle des fêtes", "la salle polyvalente", "la salle Jean Vilar", "la salle du Foyer rural",
         "la maison des associations", "la salle Georges Brassens", "l'espace culturel"]
SPORTS_PLACES = ["le gymnase Pierre de Coubertin", "le stade municipal", "le gymnase des Écoles",
                 "la piscine municipale", "le terrain de tennis", "le dojo", "le city-stade"]
ASSOCIATIONS = ["l'association Les Amis du Patrimoine", "le club de foot", "notre association de quartier",
                "le comité des fêtes", "l'amicale des locataires", "le club de gym volontaire",
                "l'association Lire et Faire Lire", "le club de judo", "l'association des parents d'élèves",
                "la chorale À Cœur Joie", "le club de pétanque", "l'association Solidarité Partage"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


def _date(rng: random.Random, years: range) -> str:
    day = rng.randint(1, 28)
    month = rng.choice(MONTHS)
    if rng.random() < 0.3:
        return f"{day:02d}/{MONTHS.index(month) + 1:02d}/{rng.choice(years)}"
    return f"{'1er' if day == 1 else day} {month} {rng.choice(years)}"


def _phone(rng: random.Random) -> str:
    digits = [rng.randint(0, 99) for _ in range(4)]
    return f"0{rng.choice([6, 7, 1, 4])} " + " ".join(f"{d:02d}" for d in digits)


GENERATORS = {
    "prenom": lambda r: r.choice(FIRST_NAMES_F + FIRST_NAMES_M),
    "prenom_f": lambda r: r.choice(FIRST_NAMES_F),
    "prenom_m": lambda r: r.choice(FIRST_NAMES_M),
    "nom": lambda r: r.choice(LAST_NAMES),
    "NOM": lambda r: r.choice(LAST_NAMES).upper(),
    "enfant": lambda r: r.choice(CHILD_NAMES),
    "rue": lambda r: r.choice(STREETS),
    "adresse": lambda r: f"{r.randint(1, 120)} {r.choice(STREETS)}",
    "numero": lambda r: str(r.randint(1, 120)),
    "ecole": lambda r: r.choice(SCHOOLS),
    "classe": lambda r: r.choice(CLASSES),
    "ville": lambda r: r.choice(TOWNS),
    "salle": lambda r: r.choice(ROOMS),
    "equipement": lambda r: r.choice(SPORTS_PLACES),
    "association": lambda r: r.choice(ASSOCIATIONS),
    "date_naissance": lambda r: _date(r, range(1940, 2012)),
    "date_passee": lambda r: _date(r, range(2019, 2026)),
    "date_future": lambda r: _date(r, range(2026, 2028)),
    "annee": lambda r: str(r.randint(1950, 2015)),
    "annee_recente": lambda r: str(r.randint(2015, 2025)),
    "jour": lambda r: r.choice(DAYS),
    "mois": lambda r: r.choice(MONTHS),
    "en_mois": lambda r: r.choice(EN_MONTHS),
    "heure": lambda r: f"{r.randint(7, 23)}h{r.choice(['', '00', '15', '30', '45'])}",
    "age": lambda r: str(r.randint(2, 15)),
    "age_adulte": lambda r: str(r.randint(65, 94)),
    "nombre": lambda r: str(r.choice([2, 3, 4, 5, 6, 8, 10])),
    "invites": lambda r: str(r.choice([30, 50, 80, 100, 120, 150, 200])),
    "telephone": _phone,
    "parcelle": lambda r: f"{r.choice('ABCDEK')}{r.choice('ABCDKLMN')} {r.randint(10, 999)}",
    "surface": lambda r: str(r.choice([9, 12, 15, 18, 20, 25, 30, 35, 40, 60, 80, 120])),
    "hauteur": lambda r: r.choice(["1,20", "1,50", "1,80", "2", "2,50"]),
    "dossier": lambda r: f"{r.choice(['PC', 'DP', 'CU'])} 0{r.randint(10, 95)} {r.randint(100, 999)} {r.randint(24, 26)} {r.choice(['A', 'B', 'C'])}{r.randint(1000, 9999)}",
    "plaque": lambda r: f"{r.choice('ABCDEFGHJKL')}{r.choice('ABCDEFGHJKL')}-{r.randint(100, 999)}-{r.choice('ABCDEFGHJKL')}{r.choice('MNPRSTVWXYZ')}",
    "montant": lambda r: str(r.choice([35, 48, 60, 72, 95, 120, 150, 210])),
    "tour": lambda r: r.choice(["premier tour", "second tour", "deux tours"]),
    "scrutin": lambda r: r.choice(["municipales", "européennes", "législatives", "présidentielles", "régionales"]),
    "animal": lambda r: r.choice(["un chien", "un gros chien noir", "un chat", "des chats", "un berger allemand",
                                  "un chien sans collier", "deux chiens"]),
    "objet": lambda r: r.choice(["mon portefeuille", "mes clés", "un trousseau de clés", "mon téléphone",
                                 "une sacoche noire", "mes lunettes", "un vélo d'enfant", "ma carte bancaire",
                                 "un sac à dos", "une montre"]),
}


class SlotFiller(dict):
    """A mapping for str.format_map that draws a fresh value for every slot name, the same one within a message."""

    def __init__(self, rng: random.Random):
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        if key not in GENERATORS:
            raise KeyError(f"unknown slot {{{key}}}")
        value = GENERATORS[key](self.rng)
        self[key] = value
        return value
