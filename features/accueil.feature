# language: fr
@HOME
Fonctionnalité: Page d'accueil de l'extranet Activité Partielle
  Sur la page d'accueil, l'utilisateur se connecte à « MON ESPACE PERSONNEL »,
  ou, pour sa première connexion, crée l'espace de l'entreprise qu'il
  représente. Il y trouve aussi l'aide, la simulation de l'indemnisation et
  les mentions du site.

  Contexte:
    Étant donné la page d'accueil de l'extranet Activité Partielle

  @HOME-01
  Scénario: Le bloc « MON ESPACE PERSONNEL » permet de se connecter
    Alors la page présente :
      | sorte  | texte                        |
      | titre  | MON ESPACE PERSONNEL         |
      | champ  | Utilisateur :                |
      | champ  | Mot de passe :               |
      | bouton | Annuler                      |
      | bouton | Connexion                    |
      | lien   | J'ai oublié mon identifiant  |
      | lien   | J'ai oublié mon mot de passe |

  @HOME-01
  Scénario: « Annuler » vide les champs « Utilisateur : » et « Mot de passe : »
    Étant donné qu'il a saisi un utilisateur et un mot de passe dans « MON ESPACE PERSONNEL »
    Quand il clique sur « Annuler »
    Alors les champs « Utilisateur : » et « Mot de passe : » sont vidés

  @HOME-02
  Scénario: « MA PREMIÈRE CONNEXION » invite à créer l'espace de son entreprise
    Alors la page présente :
      | sorte | texte                                                             |
      | titre | MA PREMIÈRE CONNEXION                                             |
      | lien  | CRÉER MON ESPACE                                                  |
      | texte | Vous êtes EXPERT-COMPTABLE et vous représentez un établissement ? |
      | lien  | CONTRAT DE PRESTATION                                             |

  @HOME-02
  Scénario: « CRÉER MON ESPACE » ouvre la première étape de la création de compte
    Quand il clique sur « CRÉER MON ESPACE »
    Alors la page « Veuillez indiquer votre numéro de Siret » s'affiche

  @HOME-03
  Scénario: L'aide, la simulation de l'indemnisation et les liens du pied de page
    Alors la page présente :
      | sorte | texte                                                                    |
      | titre | BESOIN D'AIDE ?                                                          |
      | texte | Consultez notre base documentaire ou contactez le support technique.     |
      | lien  | Simulation de l'indemnisation de l'employeur en cas d'activité partielle |
      | lien  | Mentions légales                                                         |
      | lien  | Conditions générales d'utilisation                                       |
      | lien  | Contacter le support technique                                           |
