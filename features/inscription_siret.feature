# language: fr
@ENR
Fonctionnalité: Étape 1 de la création de compte : SIRET, code de sécurité et conditions d'utilisation
  Pour accéder au formulaire de création de compte, l'employeur clique sur
  « CRÉER MON ESPACE », renseigne le numéro de SIRET de l'établissement pour
  lequel il souhaite créer le compte, saisit le cryptogramme du paragraphe
  « Contrôle de sécurité », coche « Accepter les conditions générales
  d'utilisation » (CGU) puis clique sur « VALIDER ». Si le numéro de SIRET
  existe déjà dans l'extranet, il lui est impossible de s'inscrire par ce
  formulaire.

  Contexte:
    Étant donné un employeur muni du SIRET de son établissement
    Et qu'il a cliqué sur « CRÉER MON ESPACE » depuis la page d'accueil

  @ENR-01
  Scénario: Le formulaire demande le SIRET, le code de sécurité et l'acceptation des CGU
    Alors la page « Veuillez indiquer votre numéro de Siret » s'affiche
    Et la page présente :
      | sorte         | texte                                              |
      | champ         | N° de Siret* :                                     |
      | texte         | Contrôle de sécurité :                             |
      | image         | Code de sécurité                                   |
      | champ         | Recopier le code ci-contre* :                      |
      | case à cocher | J'accepte les conditions générales d'utilisation * |
      | bouton        | VALIDER                                            |
      | bouton        | ANNULER                                            |

  @ENR-01 @ENR-02
  Scénario: Un SIRET valide, le bon code et les CGU acceptées ouvrent la demande de création de compte
    Quand il renseigne son SIRET, recopie le code de sécurité et accepte les CGU
    Et il clique sur « VALIDER »
    Alors le formulaire « Création de compte d'accès à l'extranet Activité Partielle » s'affiche

  @ENR-02
  Scénario: Un code de sécurité mal recopié est refusé
    Quand il renseigne son SIRET, un code de sécurité erroné et accepte les CGU
    Et il clique sur « VALIDER »
    Alors sa demande est refusée et la page « Veuillez indiquer votre numéro de Siret » reste affichée

  @ENR-03
  Scénario: Un nouveau code de sécurité remplace l'ancien
    Alors le bouton qui donne un nouveau code porte l'info-bulle « En cas de difficultés pour recopier le code de sécurité proposé, vous pouvez en obtenir un nouveau en cliquant sur ce bouton. »
    Quand il relève le code de sécurité affiché
    Et il demande un nouveau code de sécurité
    Alors un autre code de sécurité s'affiche
    Quand il renseigne son SIRET, recopie l'ancien code de sécurité et accepte les CGU
    Et il clique sur « VALIDER »
    Alors sa demande est refusée et la page « Veuillez indiquer votre numéro de Siret » reste affichée
    Quand il renseigne son SIRET, recopie le code de sécurité et accepte les CGU
    Et il clique sur « VALIDER »
    Alors le formulaire « Création de compte d'accès à l'extranet Activité Partielle » s'affiche

  @ENR-02
  Scénario: Un code de sécurité resté affiché trop longtemps n'est plus accepté
    Quand il relève le code de sécurité affiché
    Et 60 minutes passent
    Et il renseigne son SIRET, recopie le code de sécurité relevé et accepte les CGU
    Et il clique sur « VALIDER »
    Alors sa demande est refusée et la page « Veuillez indiquer votre numéro de Siret » reste affichée

  @ENR-04
  Scénario: Sans l'acceptation des CGU, la demande est refusée
    Quand il renseigne son SIRET et recopie le code de sécurité, sans cocher les CGU
    Et il clique sur « VALIDER »
    Alors le message « N'oubliez pas de cocher les conditions générales d'utilisation avant de valider votre demande. » s'affiche
    Et la page « Veuillez indiquer votre numéro de Siret » reste affichée

  @ENR-05
  Scénario: Un SIRET qui a déjà un compte ne peut pas s'inscrire à nouveau
    Étant donné qu'un compte a déjà été demandé pour ce SIRET par une autre personne
    Quand il renseigne son SIRET, recopie le code de sécurité et accepte les CGU
    Et il clique sur « VALIDER »
    Alors un message d'erreur indique « Vous devez contacter l'utilisateur qui a déjà été créé pour ce SIRET. »
    Et la page « Veuillez indiquer votre numéro de Siret » reste affichée

  @ENR-06
  Plan du scénario: Un SIRET <siret> est refusé
    Quand il renseigne un SIRET <siret>, recopie le code de sécurité et accepte les CGU
    Et il clique sur « VALIDER »
    Alors sa demande est refusée et la page « Veuillez indiquer votre numéro de Siret » reste affichée

    Exemples:
      | siret                              |
      | dont la clé de contrôle est fausse |
      | de 13 chiffres                     |
      | de 15 chiffres                     |
      | contenant des lettres              |

  @ENR-08
  Scénario: « ANNULER » abandonne l'étape 1 sans rien créer
    Quand il renseigne son SIRET, recopie le code de sécurité et accepte les CGU
    Et il clique sur « ANNULER »
    Alors la page d'accueil s'affiche
    Quand il reprend sa demande avec le même SIRET
    Alors le formulaire « Création de compte d'accès à l'extranet Activité Partielle » s'affiche
