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

  @RST-01 @RST-02 @RST-04 @RST-05
  Scénario: Avec la bonne réponse à sa question secrète, l'utilisateur reçoit un nouveau mot de passe à modifier
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il clique sur « J'ai oublié mon mot de passe » depuis la page d'accueil
    Et il renseigne son nom d'utilisateur et le résultat de l'opération indiquée, puis clique sur « Continuer »
    Alors sa question secrète lui est posée
    Quand il donne la bonne réponse à sa question secrète
    Alors le message « Procédure terminée, merci de vérifier votre boîte aux lettres. » s'affiche avec le bouton « Fermer »
    Et il reçoit un mail contenant son nouveau mot de passe
    Quand il se connecte avec ce nouveau mot de passe
    Alors la page « Changement du mot de passe » à son identifiant s'affiche

  @RST-01
  Scénario: Un mauvais résultat de l'opération est refusé
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il clique sur « J'ai oublié mon mot de passe » depuis la page d'accueil
    Et il renseigne son nom d'utilisateur et un mauvais résultat de l'opération, puis clique sur « Continuer »
    Alors sa demande est refusée et sa question secrète ne lui est pas posée

  @RST-03 @SUP-01
  Scénario: Avec une mauvaise réponse à sa question secrète, l'utilisateur ne reçoit pas de nouveau mot de passe
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande un nouveau mot de passe et donne une mauvaise réponse à sa question secrète
    Alors le message « Cette réponse est incorrecte. Nous ne pouvons pas vous envoyer un nouveau mot de passe. » s'affiche
    Et la page l'invite à contacter l'Assistance, soit par mail, soit par téléphone
    Et il ne reçoit pas de nouveau mot de passe

  @UD-04 @RST-03
  Plan du scénario: La réponse secrète donnée <variante> est refusée
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande un nouveau mot de passe et donne sa réponse secrète <variante>
    Alors le message « Cette réponse est incorrecte. Nous ne pouvons pas vous envoyer un nouveau mot de passe. » s'affiche

    Exemples:
      | variante                |
      | en minuscules           |
      | sans ses espaces        |
      | suivie d'une espace     |

  @RST-06 @SUP-01
  Scénario: Avant toute première connexion, le mot de passe ne peut pas être récupéré
    Étant donné un établissement inscrit qui ne s'est jamais connecté
    Quand il clique sur « J'ai oublié mon mot de passe » depuis la page d'accueil
    Et il renseigne son nom d'utilisateur et le résultat de l'opération indiquée, puis clique sur « Continuer »
    Alors le message « L'ensemble des secrets (question/réponse secrètes) n'étant pas renseigné pour votre compte utilisateur, merci de bien vouloir prendre contact avec le support spécifique de votre application » s'affiche
    Et la page l'invite à contacter l'Assistance, soit par mail, soit par téléphone
