"""The guide's words that the tests expect to see: mail subjects, messages,
headings, buttons and links, quoted exactly (accents, apostrophes, spaces).

One module, so that a reader who compares the guide with the tests finds
every expected text in one place. Never imported from the simulator: the
same tests run against the real site, and a text copied from the code under
test would prove nothing.
"""
from __future__ import annotations

# --- Mails of the ASP (ACC-10, UD-01, RST-04, IDR-03) ------------------------------------------

SUJET_IDENTIFIANT = "Activité Partielle - Votre identifiant de connexion"
SUJET_MOT_DE_PASSE = "Activité Partielle - Votre mot de passe de connexion"
SUJET_HABILITATION = "Activité Partielle - Confirmation de votre habilitation"
SUJET_NOUVEAU_MOT_DE_PASSE = "Activité Partielle - Votre nouveau mot de passe"

#: The three mails of an account creation (ACC-10) or of an agent (UD-01).
SUJETS_CREATION = (SUJET_IDENTIFIANT, SUJET_MOT_DE_PASSE, SUJET_HABILITATION)

#: How the mails give the credentials: between brackets, after these words (ACC-12).
LIBELLE_IDENTIFIANT = "Identifiant"
LIBELLE_MOT_DE_PASSE = "Mot de passe"

# --- Mails of the procedure, to the person to contact (ACC-09) ---------------------------------

SUJET_ACCUSE_AUTORISATION = "Activité Partielle - Accusé de réception de votre demande d'autorisation préalable"
SUJET_DECISION = "Activité Partielle - Décision de l'UD sur votre demande d'autorisation préalable"
SUJET_REPUTEE_AUTORISEE = "Activité Partielle - Votre demande d'autorisation préalable est réputée autorisée"
SUJET_ACCUSE_INDEMNISATION = "Activité Partielle - Accusé de réception de votre demande d'indemnisation"
SUJET_INSTRUCTION_INDEMNISATION = "Activité Partielle - Notification d'instruction de votre demande d'indemnisation"
SUJET_INVALIDATION = "Activité Partielle - Notification d'invalidation de votre demande d'indemnisation"
SUJET_MISE_EN_PAIEMENT = "Activité Partielle - Mise en paiement de votre demande d'indemnisation"
SUJET_PERSONNE_A_CONTACTER = "Activité Partielle - Vous êtes la personne à contacter de l'établissement"

#: What the decision mail says of the UD's decision (PROC-02).
DECISION_AUTORISEE = "a autorisé"
DECISION_REFUSEE = "a refusé"
MOTIF_DU_REFUS = "Motif du refus : "
MOTIF_DE_L_INVALIDATION = "Motif de l'invalidation : "

# --- Messages shown by the pages ---------------------------------------------------------------

VERROUILLE = "verrouillé"   # LCK-02: « Votre compte est verrouillé suite à … »
PROCEDURE_TERMINEE = "Procédure terminée, merci de vérifier votre boîte aux lettres."
ASSISTANCE = "Assistance"
#: SUP-01: the Assistance's channels, as the guide gives them.
CANAUX_ASSISTANCE = (
    "contact-ap@asp-public.fr",
    "0820 722 111",
    "0821 401 400",
    "Service 0,15 € / appel + prix appel",
)
DEMANDE_ENREGISTREE = "Votre demande d'autorisation préalable est enregistrée."
DEMANDE_ENVOYEE = "Votre demande d'autorisation préalable est signée et envoyée"
INDEMNISATION_ENREGISTREE = "Votre demande d'indemnisation est enregistrée."
INDEMNISATION_ENVOYEE = "Votre demande d'indemnisation est signée et envoyée"
DECISION_ENREGISTREE = "Votre décision est enregistrée"
REPUTEE_AUTORISEE_R5122_4 = "réputée autorisée (article R5122-4 du Code du travail)"
AJOUT_ENREGISTRE = "La demande d'ajout de l'utilisateur est enregistrée"
REFERENTE_CHANGEE = "La personne référente est changée"
AUCUNE_DEMANDE = "Aucune demande d'autorisation préalable."
#: A page refused to whoever may not use it (ACC-08: the add form, to all but
#: the referent person), and a page that does not exist for this user.
ACCES_REFUSE = "Vous n'avez pas accès à cette page."
PAGE_INEXISTANTE = "Cette page n'existe pas."

# --- Headings, parts, buttons and links --------------------------------------------------------

TITRE_CONNEXION = "MON ESPACE PERSONNEL"
UTILISATEUR = "Utilisateur :"
MOT_DE_PASSE = "Mot de passe :"
CONNEXION = "Connexion"
ANNULER = "Annuler"
CREER_MON_ESPACE = "CRÉER MON ESPACE"
J_AI_OUBLIE_MON_MOT_DE_PASSE = "J'ai oublié mon mot de passe"
J_AI_OUBLIE_MON_IDENTIFIANT = "J'ai oublié mon identifiant"
DECONNEXION = "Déconnexion"

TITRE_SIRET = "Veuillez indiquer votre numéro de Siret"
TITRE_CREATION = "Création de compte d'accès à l'extranet Activité Partielle"
FICHE_ETABLISSEMENT = "Fiche établissement"
PARTIE_PERSONNE_A_CONTACTER = "Compte principal utilisateur (Personne à contacter)"
PARTIE_UTILISATEURS = "Utilisateurs de l'établissement"
TITRE_DEMANDES = "Demandes d'autorisation préalable"
TITRE_DEMANDES_A_INSTRUIRE = "Demandes à instruire"
PREFIXE_DEMANDE = "Demande d'autorisation préalable n° "
PREFIXE_INDEMNISATION = "Demande d'indemnisation n° "

#: Code du travail, art. R5122-1: the reasons offered by the request form.
MOTIFS = (
    "La conjoncture économique",
    "Des difficultés d'approvisionnement en matières premières ou en énergie",
    "Un sinistre ou des intempéries de caractère exceptionnel",
    "La transformation, restructuration ou modernisation de l'entreprise",
    "Toute autre circonstance de caractère exceptionnel",
)
