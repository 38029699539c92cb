# language: fr
@RST
Fonctionnalité: Perte du mot de passe
  En cas de perte de son mot de passe, l'utilisateur clique sur « J'ai oublié
  mon mot de passe », renseigne son nom d'utilisateur, résout l'opération
  indiquée et clique sur « Continuer ». Il renseigne ensuite la réponse à sa
  question secrète et valide. Une fois sa réponse validée, il reçoit un mail
  contenant son nouveau mot de passe ; lors de la connexion avec ce nouveau mot
  de passe, il lui est demandé de le modifier. Si la réponse est incorrecte, il
  doit contacter l'Assistance.

  @RST-01 @RST-02 @RST-06
  Scénario: Son nom d'utilisateur et le résultat de l'opération font poser à l'utilisateur sa question secrète
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande un nouveau mot de passe par « J'ai oublié mon mot de passe » avec son nom d'utilisateur et le résultat de l'opération indiquée
    Alors sa question secrète lui est posée

  @RST-02 @RST-04
  Scénario: Avec la bonne réponse à sa question secrète, l'utilisateur reçoit un nouveau mot de passe
    Étant donné un établissement inscrit qui s'est déjà connecté
    Et qu'il a demandé un nouveau mot de passe avec son nom d'utilisateur et le résultat de l'opération indiquée
    Quand il donne la bonne réponse à sa question secrète
    Alors le message « Procédure terminée, merci de vérifier votre boîte aux lettres. » s'affiche avec le bouton « Fermer »
    Et il reçoit un mail contenant son nouveau mot de passe

  @RST-02
  Scénario: « Fermer » referme la fenêtre « Mon Compte » ouverte par « Continuer »
    Étant donné un établissement inscrit qui s'est déjà connecté
    Et qu'il a demandé un nouveau mot de passe avec son nom d'utilisateur et le résultat de l'opération indiquée
    Et qu'il a donné la bonne réponse à sa question secrète
    Quand il clique sur « Fermer »
    Alors la fenêtre « Mon Compte » se ferme et il retrouve la page où il a demandé un nouveau mot de passe, son nom d'utilisateur toujours saisi

  @RST-05
  Scénario: À la connexion avec le nouveau mot de passe reçu, il lui est demandé de le modifier
    Étant donné un établissement inscrit qui s'est déjà connecté
    Et qu'il a reçu un nouveau mot de passe en donnant la bonne réponse à sa question secrète
    Quand il se connecte avec ce nouveau mot de passe
    Alors la page « Changement du mot de passe » à son identifiant s'affiche

  @RST-04 @LCK-01
  Scénario: Après un nouveau mot de passe reçu, le compte se verrouille au troisième mot de passe erroné, pas avant
    Étant donné un établissement inscrit qui s'est déjà connecté
    Et qu'il a reçu un nouveau mot de passe en donnant la bonne réponse à sa question secrète
    Quand il saisit 2 fois un mot de passe erroné
    Alors chacune de ces connexions est refusée sans que le compte soit dit verrouillé
    Quand il saisit un mot de passe erroné
    Alors la connexion est refusée car le compte est verrouillé

  @RST-01
  Plan du scénario: Avec <résultat> de l'opération, la demande est refusée
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande un nouveau mot de passe avec son nom d'utilisateur et <résultat> de l'opération
    Alors sa demande est refusée et sa question secrète ne lui est pas posée

    Exemples:
      | résultat            |
      | un mauvais résultat |
      | aucun résultat      |

  @RST-01
  Plan du scénario: Avec <résultat> de l'opération, aucun nouveau mot de passe n'est envoyé
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande un nouveau mot de passe avec son nom d'utilisateur et <résultat> de l'opération
    Alors il ne reçoit pas de nouveau mot de passe

    Exemples:
      | résultat            |
      | un mauvais résultat |
      | aucun résultat      |

  @RST-01
  Scénario: Un nom d'utilisateur qui n'est pas le sien, même avec le bon résultat de l'opération, ne dit rien de son compte
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande un nouveau mot de passe avec son nom d'utilisateur suivi d'autres lettres et le résultat de l'opération indiquée
    Alors sa demande est refusée et sa question secrète ne lui est pas posée
    Et la page ne montre rien de son compte
    Et il ne reçoit pas de nouveau mot de passe

  @RST-03 @SUP-01
  Scénario: Avec une mauvaise réponse à sa question secrète, la page l'invite à contacter l'Assistance
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande un nouveau mot de passe et donne une mauvaise réponse à sa question secrète
    Alors le message « Cette réponse est incorrecte. Nous ne pouvons pas vous envoyer un nouveau mot de passe. » s'affiche
    Et la page l'invite à contacter l'Assistance, soit par mail, soit par téléphone

  @RST-03
  Scénario: Avec une mauvaise réponse à sa question secrète, aucun nouveau mot de passe n'est envoyé
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande un nouveau mot de passe et donne une mauvaise réponse à sa question secrète
    Alors il ne reçoit pas de nouveau mot de passe

  @UD-04 @RST-03
  Plan du scénario: La réponse secrète donnée <variante> est refusée
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande un nouveau mot de passe et donne sa réponse secrète <variante>
    Alors le message « Cette réponse est incorrecte. Nous ne pouvons pas vous envoyer un nouveau mot de passe. » s'affiche

    Exemples:
      | variante            |
      | en minuscules       |
      | sans ses espaces    |
      | suivie d'une espace |

  @RST-06 @SUP-01
  Scénario: Avant toute première connexion, le mot de passe ne peut pas être récupéré
    Étant donné un établissement inscrit qui ne s'est jamais connecté
    Quand il demande un nouveau mot de passe par « J'ai oublié mon mot de passe » avec son nom d'utilisateur et le résultat de l'opération indiquée
    Alors le message « L'ensemble des secrets (question/réponse secrètes) n'étant pas renseigné pour votre compte utilisateur, merci de bien vouloir prendre contact avec le support spécifique de votre application » s'affiche
    Et la page l'invite à contacter l'Assistance, soit par mail, soit par téléphone
