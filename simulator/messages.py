"""French messages the simulator produces, one constant each, so that tests and
page objects can import them. Texts the guide quotes are copied exactly; the
rule ID stands beside each. Static page texts (labels, headings, tooltips,
information paragraphs) are written in the templates themselves.
"""

# ENR — step 1 of account creation
CHAMPS_OBLIGATOIRES = "Tous les champs obligatoires (marqués d'un *) ne sont pas renseignés."  # ACC-03
CGU_NON_ACCEPTEES = ("N'oubliez pas de cocher les conditions générales d'utilisation "
                     "avant de valider votre demande.")  # ENR-04
CODE_SECURITE_INCORRECT = ("Le code de sécurité saisi est incorrect. "
                           "Veuillez recopier le nouveau code affiché.")  # ENR-02
SIRET_INVALIDE = "Le numéro de Siret doit comporter 14 chiffres et être valide."  # ENR-06
SIRET_EXISTANT = ("Le numéro de SIRET renseigné existe déjà dans l'extranet : il vous est "
                  "impossible de vous inscrire par ce formulaire. Vous devez contacter "
                  "l'utilisateur qui a déjà été créé pour ce SIRET.")  # ENR-05
INFO_BULLE_NOUVEAU_CODE = ("En cas de difficultés pour recopier le code de sécurité proposé, "
                           "vous pouvez en obtenir un nouveau en cliquant sur ce bouton.")  # ENR-03

# ACC — step 2: the account creation form
CHAMP_TROP_LONG = "Le champ « {libelle} » est limité à {n} caractères."  # ACC-04
CODE_POSTAL_INVALIDE = "Le code postal doit comporter 5 chiffres."
CODE_POSTAL_INCONNU = "Aucune commune ne correspond à ce code postal."
VILLE_INVALIDE = "Veuillez choisir la ville dans la liste proposée pour ce code postal."  # ACC-05
COURRIEL_INVALIDE = "Le champ « {libelle} » n'est pas une adresse de courriel valide."
COURRIELS_DIFFERENTS = "Le champ « {libelle} » et sa confirmation ne sont pas identiques."  # ACC-06
TELEPHONE_INVALIDE = "Le champ « {libelle} » n'est pas un numéro de téléphone valide."
CREATION_A_RECOMMENCER = ("Votre demande de création de compte n'a pas pu être enregistrée : trop de "
                          "demandes simultanées. Veuillez la renvoyer.")
DEMANDE_ENREGISTREE = "Votre demande de création de compte a bien été enregistrée."  # ACC-10
COPIER_COLLER_INTERDIT = "Le copier/coller est interdit."  # ACC-07

# Connexion and lockout
CHAMPS_CONNEXION_VIDES = "Veuillez saisir votre identifiant et votre mot de passe."
IDENTIFIANTS_INCORRECTS = "Utilisateur ou mot de passe incorrect."
COMPTE_VERROUILLE = ("Votre compte est verrouillé suite à la saisie de trois mots de passe erronés. "
                     "Il sera automatiquement déverrouillé au bout de 30 minutes.")  # LCK-02
NON_HABILITE = "Votre compte n'est pas habilité à l'extranet Activité Partielle."
CONNEXION_REQUISE = "Veuillez vous connecter."  # OUT-02
DECONNEXION_FAITE = "Vous êtes déconnecté."  # OUT-01

# PWD — password policy, one message per clause
INFO_MOT_DE_PASSE = ("Le mot de passe doit être différent de l'identifiant et comporter 8 caractères "
                     "minimum dont 1 chiffre et 1 caractère spécial minimum (exemples: .,?!%#). "
                     "Les caractères accentués ne sont pas autorisés.")
MDP_TROP_COURT = "Le nouveau mot de passe doit comporter au moins 8 caractères."  # PWD-02
MDP_SANS_CHIFFRE = "Le nouveau mot de passe doit comporter au moins 1 chiffre."  # PWD-03
MDP_SANS_SPECIAL = "Le nouveau mot de passe doit comporter au moins 1 caractère spécial."  # PWD-04
MDP_EGAL_IDENTIFIANT = "Le nouveau mot de passe doit être différent de l'identifiant."  # PWD-05
MDP_ACCENTS = "Les caractères accentués ne sont pas autorisés."  # PWD-06
ANCIEN_MDP_INCORRECT = "L'ancien mot de passe est incorrect."  # PWD-07
CONFIRMATION_DIFFERENTE = "La confirmation ne correspond pas au nouveau mot de passe."  # PWD-07
MOT_DE_PASSE_MODIFIE = ("Votre mot de passe a bien été modifié. "
                        "Vous pouvez maintenant vous connecter avec votre nouveau mot de passe.")  # PWD-08

# UD — secret question
REPONSE_TROP_COURTE = "La réponse à votre question secrète doit comporter plus de 4 caractères."  # UD-03
QUESTION_ENREGISTREE = ("Votre question secrète a bien été enregistrée. "
                        "Vous pouvez maintenant vous connecter avec votre nouveau mot de passe.")  # UD-02

# RST / IDR — lost password, lost identifier
OPERATION_INCORRECTE = "Le résultat de l'opération est incorrect."  # RST-01, IDR-01
UTILISATEUR_INCONNU = "Aucun compte ne correspond à cet utilisateur."  # RST-01
COURRIEL_INCONNU = "Aucun compte ne correspond à ce courriel."  # IDR-01
REPONSE_INCORRECTE_MDP = ("Cette réponse est incorrecte. "
                          "Nous ne pouvons pas vous envoyer un nouveau mot de passe.")  # RST-03
REPONSE_INCORRECTE_IDENTIFIANT = ("Cette réponse est incorrecte. "
                                  "Nous ne pouvons pas vous envoyer votre identifiant.")  # IDR-04
SECRETS_NON_RENSEIGNES = ("L'ensemble des secrets (question/réponse secrètes) n'étant pas renseigné "
                          "pour votre compte utilisateur, merci de bien vouloir prendre contact avec "
                          "le support spécifique de votre application")  # RST-06
PROCEDURE_TERMINEE = "Procédure terminée, merci de vérifier votre boîte aux lettres."  # RST-04, IDR-03
SESSION_EXPIREE = "Votre session a expiré ou le formulaire n'est plus valide. Veuillez recommencer."
CARACTERES_INTERDITS = "Le formulaire contient des caractères non autorisés."

# SUP-01 — the Assistance's channels
ASSISTANCE_COURRIEL = "contact-ap@asp-public.fr"
ASSISTANCE_TEL_METROPOLE = "0820 722 111"
ASSISTANCE_TEL_DOM = "0821 401 400"
ASSISTANCE_TARIF = "Service 0,15 € / appel + prix appel"

# Mail subjects (ACC-10, UD-01, RST-04, IDR-03)
SUJET_IDENTIFIANT = "Activité Partielle - Votre identifiant de connexion"
SUJET_MOT_DE_PASSE = "Activité Partielle - Votre mot de passe de connexion"
SUJET_HABILITATION = "Activité Partielle - Confirmation de votre habilitation"
SUJET_NOUVEAU_MOT_DE_PASSE = "Activité Partielle - Votre nouveau mot de passe"

# PROC — the procedure the accounts serve (demande d'autorisation préalable,
# décision de l'UD, demande d'indemnisation), NAV-04, ACC-08
DEMANDE_ENREGISTREE_NON_SIGNEE = ("Votre demande d'autorisation préalable est enregistrée. Elle n'est pas "
                                  "encore envoyée : signez-la pour la transmettre à l'unité départementale "
                                  "(UD).")  # PROC-01, PROC-05
INDEMNISATION_ENREGISTREE = ("Votre demande d'indemnisation est enregistrée. Elle n'est pas encore "
                             "envoyée : signez-la pour la transmettre à l'unité départementale (UD).")  # PROC-03
SIGNATURE_IMPOSSIBLE_CHROME = ("La signature n'est pas possible avec le navigateur Google Chrome. Vos données "
                               "sont enregistrées : utilisez un autre navigateur pris en charge pour signer "
                               "votre demande.")  # NAV-04, PROC-05
CERTIFICATION_REQUISE = ("Veuillez cocher « Je certifie l'exactitude des informations saisies » "
                         "avant de signer.")  # PROC-05
DEMANDE_ENVOYEE = ("Votre demande d'autorisation préalable est signée et envoyée à l'{ud}, qui décide "
                   "au plus tard le {date_limite}.")  # PROC-01, PROC-02
INDEMNISATION_ENVOYEE = "Votre demande d'indemnisation est signée et envoyée à l'{ud}."  # PROC-03
DEJA_ENVOYEE = "Cette demande est déjà signée et envoyée : elle ne peut plus être modifiée."
REPUTEE_AUTORISEE = ("Sans décision de l'UD dans le délai de 15 jours, la demande est réputée autorisée "
                     "(article R5122-4 du Code du travail).")  # PROC-02
DECISION_ENREGISTREE = "Votre décision est enregistrée ; la personne à contacter de l'établissement en est avisée par courriel."  # PROC-02, ACC-09
MOTIF_REFUS_REQUIS = "Le refus doit être motivé : veuillez saisir le motif du refus."  # PROC-02
MOTIF_INVALIDATION_REQUIS = ("L'invalidation doit être motivée : veuillez saisir le motif de "
                             "l'invalidation.")  # PROC-03
DECISION_DEJA_PRISE = "Cette demande n'est plus en attente de décision."
INDEMNISATION_AVANT_AUTORISATION = ("La demande d'indemnisation n'est possible qu'après la décision "
                                    "d'autorisation de l'UD.")  # PROC-03
DATE_INVALIDE = "Le champ « {libelle} » n'est pas une date valide (JJ/MM/AAAA)."
DATE_HORS_LIMITES = "Le champ « {libelle} » doit être une date comprise entre le {debut} et le {fin}."
FIN_AVANT_DEBUT = "La date de fin de la période doit être égale ou postérieure à sa date de début."
PERIODE_TROP_LONGUE = "La période ne peut pas dépasser {n} mois."
NOMBRE_INVALIDE = "Le champ « {libelle} » doit être un nombre entier supérieur ou égal à 1."
NOMBRE_TROP_GRAND = "Le champ « {libelle} » ne peut pas dépasser {n}."
MOTIF_INCONNU = "Veuillez choisir le motif de recours dans la liste proposée."
HORS_PERIODE_AUTORISEE = ("La période indemnisée doit être comprise dans la période autorisée, "
                          "du {debut} au {fin}.")  # PROC-03
TROP_DE_SALARIES = "Le nombre de salariés concernés ne peut pas dépasser celui de l'autorisation ({n})."  # PROC-03
TROP_D_HEURES = ("Le nombre d'heures chômées ne peut pas dépasser le contingent d'heures autorisé "
                 "restant ({n} heures).")  # PROC-03
ETABLISSEMENT_A_CHOISIR = "Veuillez choisir l'établissement dans la liste proposée."
DEPARTEMENT_INDETERMINE = ("Le département de l'établissement ne peut pas être déterminé à partir de son "
                           "code postal : veuillez contacter l'Assistance.")  # PROC-01
SANS_DEPARTEMENT = "Aucun département ne vous est affecté : aucune demande ne vous est adressée."
ACCES_REFUSE = "Vous n'avez pas accès à cette page."
AJOUT_A_RECOMMENCER = ("La demande d'ajout de l'utilisateur n'a pas pu être enregistrée : trop de "
                       "demandes simultanées. Veuillez la renvoyer.")
UTILISATEUR_AJOUTE = ("La demande d'ajout de l'utilisateur est enregistrée : il recevra par courriel son "
                      "identifiant, son mot de passe et la confirmation de son habilitation.")  # ACC-08
PERSONNE_REFERENTE_CHANGEE = ("La personne référente est changée : elle est désormais la personne à "
                              "contacter de l'établissement.")  # ACC-08, ACC-09
PERSONNE_REFERENTE_A_CHOISIR = ("Veuillez choisir la nouvelle personne référente parmi les utilisateurs "
                                "de l'établissement.")  # ACC-08

# Mail subjects of the procedure (ACC-09: to the person to contact)
SUJET_ACCUSE_AUTORISATION = "Activité Partielle - Accusé de réception de votre demande d'autorisation préalable"
SUJET_DECISION = "Activité Partielle - Décision de l'UD sur votre demande d'autorisation préalable"
SUJET_REPUTEE_AUTORISEE = "Activité Partielle - Votre demande d'autorisation préalable est réputée autorisée"
SUJET_ACCUSE_INDEMNISATION = "Activité Partielle - Accusé de réception de votre demande d'indemnisation"
SUJET_INSTRUCTION_INDEMNISATION = "Activité Partielle - Notification d'instruction de votre demande d'indemnisation"
SUJET_INVALIDATION = "Activité Partielle - Notification d'invalidation de votre demande d'indemnisation"
SUJET_MISE_EN_PAIEMENT = "Activité Partielle - Mise en paiement de votre demande d'indemnisation"
SUJET_PERSONNE_A_CONTACTER = "Activité Partielle - Vous êtes la personne à contacter de l'établissement"
