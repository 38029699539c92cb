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

  @ENR-02
  Scénario: Le code de sécurité s'affiche en image, à recopier
    Alors l'image du code de sécurité s'affiche

  @ENR-01 @ENR-02
  Scénario: Un SIRET valide, le bon code et les CGU acceptées ouvrent la demande de création de compte
    Quand il valide son SIRET, le code de sécurité recopié et les CGU acceptées
    Alors le formulaire « Création de compte d'accès à l'extranet Activité Partielle » s'affiche

  @ENR-02
  Scénario: Un code de sécurité mal recopié est refusé
    Quand il valide son SIRET avec un code de sécurité erroné
    Alors sa demande est refusée et la page « Veuillez indiquer votre numéro de Siret » reste affichée

  @ENR-02
  Scénario: Sans code de sécurité recopié, la demande est refusée
    Quand il valide son SIRET et les CGU acceptées, sans recopier le code de sécurité
    Alors sa demande est refusée et la page « Veuillez indiquer votre numéro de Siret » reste affichée

  @ENR-03
  Scénario: Le bouton qui donne un nouveau code de sécurité porte l'info-bulle du guide
    Alors le bouton qui donne un nouveau code porte l'info-bulle « En cas de difficultés pour recopier le code de sécurité proposé, vous pouvez en obtenir un nouveau en cliquant sur ce bouton. »

  @ENR-03
  Scénario: Un nouveau code de sécurité remplace celui qui est affiché
    Quand il demande un nouveau code de sécurité
    Alors un autre code de sécurité s'affiche

  @ENR-03
  Scénario: Une fois un nouveau code obtenu, l'ancien code n'est plus accepté
    Étant donné qu'il a relevé le code de sécurité affiché
    Et qu'il a demandé un nouveau code de sécurité
    Quand il valide son SIRET avec l'ancien code de sécurité recopié
    Alors sa demande est refusée et la page « Veuillez indiquer votre numéro de Siret » reste affichée

  @ENR-03
  Scénario: Le nouveau code de sécurité est accepté
    Étant donné qu'il a demandé un nouveau code de sécurité
    Quand il valide son SIRET, le code de sécurité recopié et les CGU acceptées
    Alors le formulaire « Création de compte d'accès à l'extranet Activité Partielle » s'affiche

  @ENR-02
  Scénario: Un code de sécurité resté affiché trop longtemps n'est plus accepté
    Étant donné qu'il a relevé le code de sécurité affiché
    Et que 60 minutes ont passé
    Quand il valide son SIRET avec le code de sécurité relevé
    Alors sa demande est refusée et la page « Veuillez indiquer votre numéro de Siret » reste affichée

  @ENR-02
  Scénario: Le code de sécurité affiché reste valable quand un autre visiteur ouvre la même page
    Étant donné qu'il a relevé le code de sécurité affiché
    Et qu'un autre visiteur a ouvert à son tour la page « Veuillez indiquer votre numéro de Siret »
    Quand il valide son SIRET avec le code de sécurité relevé
    Alors le formulaire « Création de compte d'accès à l'extranet Activité Partielle » s'affiche

  @ENR-04
  Scénario: La case des conditions générales d'utilisation n'est pas cochée d'avance
    Alors la case des conditions générales d'utilisation n'est pas cochée d'avance

  @ENR-04
  Scénario: Sans l'acceptation des CGU, la demande est refusée
    Quand il valide son SIRET et le code de sécurité recopié, sans cocher les CGU
    Alors le message « N'oubliez pas de cocher les conditions générales d'utilisation avant de valider votre demande. » s'affiche
    Et la page « Veuillez indiquer votre numéro de Siret » reste affichée

  @ENR-05
  Scénario: Un SIRET qui a déjà un compte ne peut pas s'inscrire à nouveau
    Étant donné qu'un compte a déjà été demandé pour ce SIRET par une autre personne
    Quand il valide son SIRET, le code de sécurité recopié et les CGU acceptées
    Alors un message d'erreur indique « Vous devez contacter l'utilisateur qui a déjà été créé pour ce SIRET. »
    Et la page « Veuillez indiquer votre numéro de Siret » reste affichée

  @ENR-06
  Plan du scénario: Un SIRET <siret> est refusé
    Quand il valide un SIRET <siret>, le code de sécurité recopié et les CGU acceptées
    Alors sa demande est refusée et la page « Veuillez indiquer votre numéro de Siret » reste affichée

    Exemples:
      | siret                              |
      | dont la clé de contrôle est fausse |
      | de 13 chiffres                     |
      | de 15 chiffres                     |
      | contenant des lettres              |

  @ENR-06
  Scénario: Sans SIRET, la demande est refusée
    Quand il valide le code de sécurité recopié et les CGU acceptées, sans SIRET
    Alors sa demande est refusée et la page « Veuillez indiquer votre numéro de Siret » reste affichée

  @ENR-08
  Scénario: « ANNULER » abandonne l'étape 1 et ramène à la page d'accueil
    Étant donné qu'il a renseigné son SIRET, recopié le code de sécurité et accepté les CGU
    Quand il clique sur « ANNULER »
    Alors la page d'accueil s'affiche

  @ENR-08
  Scénario: Après « ANNULER » à l'étape 1, rien n'est créé : le même SIRET reprend sa demande
    Étant donné qu'il a abandonné l'étape 1 par « ANNULER »
    Quand il reprend sa demande avec le même SIRET
    Alors le formulaire « Création de compte d'accès à l'extranet Activité Partielle » s'affiche
