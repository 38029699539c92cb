# language: fr
@IDR
Fonctionnalité: Perte de l'identifiant de connexion
  En cas de perte de son identifiant, l'utilisateur clique sur le lien « J'ai
  oublié mon identifiant », renseigne son adresse mail (celle renseignée lors
  de son enregistrement à l'extranet), résout l'opération, puis renseigne la
  réponse à sa question secrète et valide. Une fois sa réponse validée, il
  reçoit un mail contenant son identifiant de connexion. S'il ne dispose plus
  de sa réponse, il lui est impossible de récupérer son identifiant : il doit
  contacter l'Assistance.

  @IDR-01 @IDR-02
  Scénario: Son adresse mail et le résultat de l'opération font poser à l'utilisateur sa question secrète
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande son identifiant par « J'ai oublié mon identifiant » avec son adresse mail et le résultat de l'opération indiquée
    Alors sa question secrète lui est posée

  @IDR-01
  Plan du scénario: Avec <résultat> de l'opération, la demande d'identifiant est refusée
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande son identifiant avec son adresse mail et <résultat> de l'opération
    Alors sa demande est refusée et sa question secrète ne lui est pas posée

    Exemples:
      | résultat            |
      | un mauvais résultat |
      | aucun résultat      |

  @IDR-01
  Plan du scénario: Avec <résultat> de l'opération, aucun identifiant n'est envoyé
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande son identifiant avec son adresse mail et <résultat> de l'opération
    Alors il ne reçoit pas son identifiant

    Exemples:
      | résultat            |
      | un mauvais résultat |
      | aucun résultat      |

  @IDR-01
  Scénario: Une adresse mail qui n'est pas la sienne, même avec le bon résultat de l'opération, ne dit rien de son compte
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande son identifiant avec son adresse mail à un autre domaine et le résultat de l'opération indiquée
    Alors sa demande est refusée et sa question secrète ne lui est pas posée
    Et la page ne montre rien de son compte
    Et il ne reçoit pas son identifiant

  @IDR-02 @IDR-03
  Scénario: Avec la bonne réponse à sa question secrète, l'utilisateur reçoit son identifiant
    Étant donné un établissement inscrit qui s'est déjà connecté
    Et qu'il a demandé son identifiant avec son adresse mail et le résultat de l'opération indiquée
    Quand il donne la bonne réponse à sa question secrète pour recevoir son identifiant
    Alors le message « Procédure terminée, merci de vérifier votre boîte aux lettres. » s'affiche avec le bouton « Fermer »
    Et il reçoit un mail contenant son identifiant

  @IDR-04 @SUP-01
  Plan du scénario: Avec une réponse secrète <réponse>, l'identifiant ne peut pas être récupéré : l'Assistance est indiquée
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande son identifiant et donne une réponse secrète <réponse>
    Alors sa demande est refusée
    Et la page l'invite à contacter l'Assistance, soit par mail, soit par téléphone

    Exemples:
      | réponse |
      | erronée |
      | vide    |

  @IDR-04
  Scénario: Avec une réponse secrète erronée, aucun identifiant n'est envoyé
    Étant donné un établissement inscrit qui s'est déjà connecté
    Quand il demande son identifiant et donne une réponse secrète erronée
    Alors il ne reçoit pas son identifiant
