# language: fr
@PWD
Fonctionnalité: Première connexion et changement du mot de passe
  Sur « Mon espace personnel », l'utilisateur saisit l'identifiant et le mot de
  passe envoyés par l'ASP ; il est conseillé de les copier/coller, sans les
  crochets. Lors de sa première connexion, il doit modifier son mot de passe.
  Le mot de passe doit être différent de l'identifiant et comporter 8
  caractères minimum dont 1 chiffre et 1 caractère spécial minimum (exemples:
  .,?!%#). Les caractères accentués ne sont pas autorisés. Une fois son mot de
  passe modifié, il est redirigé vers la page de connexion.
  La même règle vaut pour chaque nouveau mot de passe : celui reçu après « J'ai
  oublié mon mot de passe », qu'il doit modifier, et celui qu'il choisit de
  lui-même depuis son espace.

  @ACC-12 @PWD-01 @PWD-07
  Scénario: L'identifiant et le mot de passe collés depuis les mails ouvrent le changement du mot de passe
    Étant donné un établissement inscrit qui ne s'est jamais connecté
    Quand il colle dans « MON ESPACE PERSONNEL » l'identifiant et le mot de passe reçus, sans les crochets, et se connecte
    Alors la page « Changement du mot de passe » à son identifiant s'affiche
    Et la page présente :
      | sorte  | texte                               |
      | champ  | Entrez l'ancien mot de passe :      |
      | champ  | Entrez le nouveau mot de passe :    |
      | champ  | Confirmez le nouveau mot de passe : |
      | bouton | Changement du mot de passe          |

  @PWD-01
  Scénario: À la première connexion, le changement du mot de passe passe avant tout le reste
    Étant donné un établissement inscrit qui ne s'est jamais connecté
    Quand il se connecte avec l'identifiant et le mot de passe reçus
    Et il tente d'ouvrir son espace sans changer son mot de passe
    Alors la page « Changement du mot de passe » à son identifiant s'affiche

  @PWD-01 @OUT-01
  Scénario: À la première connexion, « Déconnexion » ramène à la page de connexion sans changer le mot de passe
    Étant donné un établissement inscrit qui ne s'est jamais connecté
    Et qu'il s'est connecté pour la première fois
    Quand il se déconnecte depuis la page « Changement du mot de passe »
    Alors la page de connexion s'affiche

  @LCK-01
  Scénario: Avant même sa première connexion, le compte se verrouille au troisième mot de passe erroné, pas avant
    Étant donné un établissement inscrit qui ne s'est jamais connecté
    Quand il saisit 2 fois un mot de passe erroné
    Alors chacune de ces connexions est refusée sans que le compte soit dit verrouillé
    Quand il saisit un mot de passe erroné
    Alors la connexion est refusée car le compte est verrouillé

  Plan du scénario: Un nouveau mot de passe <défaut> est refusé quand il le change <parcours>
    Étant donné un établissement inscrit qui change son mot de passe <parcours>
    Quand il choisit le nouveau mot de passe « <mot de passe> »
    Alors le nouveau mot de passe est refusé, le message d'erreur rappelant « <règle du guide> »
    Et la page « Changement du mot de passe » à son identifiant reste affichée

    @PWD-02
    Exemples: trop court, d'un caractère
      | défaut          | mot de passe | règle du guide        | parcours                               |
      | de 7 caractères | Ab1.cde      | au moins 8 caractères | à la première connexion                |
      | de 7 caractères | Ab1.cde      | au moins 8 caractères | après « J'ai oublié mon mot de passe » |
      | de 7 caractères | Ab1.cde      | au moins 8 caractères | de lui-même depuis son espace          |

    @PWD-03
    Exemples: sans chiffre
      | défaut       | mot de passe | règle du guide | parcours                               |
      | sans chiffre | Abcdefgh.ij  | 1 chiffre      | à la première connexion                |
      | sans chiffre | Abcdefgh.ij  | 1 chiffre      | après « J'ai oublié mon mot de passe » |
      | sans chiffre | Abcdefgh.ij  | 1 chiffre      | de lui-même depuis son espace          |

    @PWD-04
    Exemples: sans caractère spécial
      | défaut                 | mot de passe | règle du guide      | parcours                               |
      | sans caractère spécial | Abcdefgh12   | 1 caractère spécial | à la première connexion                |
      | sans caractère spécial | Abcdefgh12   | 1 caractère spécial | après « J'ai oublié mon mot de passe » |
      | sans caractère spécial | Abcdefgh12   | 1 caractère spécial | de lui-même depuis son espace          |

    @PWD-06
    Exemples: accentué
      | défaut                       | mot de passe | règle du guide                                  | parcours                               |
      | avec un « é »                | Abcdéfgh1.   | Les caractères accentués ne sont pas autorisés. | à la première connexion                |
      | avec un « é »                | Abcdéfgh1.   | Les caractères accentués ne sont pas autorisés. | après « J'ai oublié mon mot de passe » |
      | avec un « é »                | Abcdéfgh1.   | Les caractères accentués ne sont pas autorisés. | de lui-même depuis son espace          |
      | avec une majuscule accentuée | Àbcdefgh1.   | Les caractères accentués ne sont pas autorisés. | à la première connexion                |
      | avec un « ç »                | Abcdefgç1.   | Les caractères accentués ne sont pas autorisés. | à la première connexion                |
      | avec un « ï »                | Abcdefgï1.   | Les caractères accentués ne sont pas autorisés. | à la première connexion                |

  Plan du scénario: Un nouveau mot de passe <qualité> est accepté quand il le change <parcours>
    Étant donné un établissement inscrit qui change son mot de passe <parcours>
    Quand il choisit le nouveau mot de passe « <mot de passe> »
    Alors le nouveau mot de passe est accepté et lui ouvre son espace

    @PWD-02 @PWD-03 @PWD-04
    Exemples: juste à la limite : 8 caractères, dont 1 chiffre et 1 caractère spécial
      | qualité                                               | mot de passe | parcours                               |
      | de 8 caractères dont 1 chiffre et 1 caractère spécial | Ab1.cdef     | à la première connexion                |
      | de 8 caractères dont 1 chiffre et 1 caractère spécial | Ab1.cdef     | après « J'ai oublié mon mot de passe » |
      | de 8 caractères dont 1 chiffre et 1 caractère spécial | Ab1.cdef     | de lui-même depuis son espace          |

    @PWD-04
    Exemples: chacun des caractères spéciaux que le guide donne en exemple
      | qualité                             | mot de passe | parcours                |
      | dont le caractère spécial est « . » | Abcdefg1.    | à la première connexion |
      | dont le caractère spécial est « , » | Abcdefg1,    | à la première connexion |
      | dont le caractère spécial est « ? » | Abcdefg1?    | à la première connexion |
      | dont le caractère spécial est « ! » | Abcdefg1!    | à la première connexion |
      | dont le caractère spécial est « % » | Abcdefg1%    | à la première connexion |
      | dont le caractère spécial est « # » | Abcdefg1#    | à la première connexion |

  @PWD-05
  Scénario: Un nouveau mot de passe égal à l'identifiant est refusé
    Étant donné un agent UD créé par l'Assistance, dont l'identifiant comporte un chiffre et un caractère spécial
    Et qu'il s'est connecté pour la première fois
    Quand il choisit son identifiant comme nouveau mot de passe
    Alors le nouveau mot de passe est refusé, le message d'erreur rappelant « différent de l'identifiant »
    Et la page « Changement du mot de passe » à son identifiant reste affichée

  @PWD-07
  Plan du scénario: Le changement du mot de passe est refusé avec <erreur> quand il le change <parcours>
    Étant donné un établissement inscrit qui change son mot de passe <parcours>
    Quand il change son mot de passe avec <erreur>
    Alors le nouveau mot de passe est refusé
    Et la page « Changement du mot de passe » à son identifiant reste affichée

    Exemples:
      | erreur                                 | parcours                               |
      | un ancien mot de passe erroné          | à la première connexion                |
      | une confirmation différente du nouveau | à la première connexion                |
      | un ancien mot de passe erroné          | après « J'ai oublié mon mot de passe » |
      | une confirmation différente du nouveau | après « J'ai oublié mon mot de passe » |
      | un ancien mot de passe erroné          | de lui-même depuis son espace          |
      | une confirmation différente du nouveau | de lui-même depuis son espace          |

  @PWD-05
  Scénario: Un nouveau mot de passe qui contient l'identifiant sans lui être égal est accepté
    Étant donné un agent UD créé par l'Assistance, dont l'identifiant comporte un chiffre et un caractère spécial
    Et qu'il s'est connecté pour la première fois
    Quand il choisit son identifiant suivi d'une lettre comme nouveau mot de passe
    Alors la page « Positionnement de la question secrète » à son identifiant s'affiche

  Plan du scénario: Un changement refusé avec <erreur> n'enregistre rien, quand il le change <parcours>
    Étant donné un établissement inscrit qui change son mot de passe <parcours>
    Quand il change son mot de passe avec <erreur>
    Et qu'il se déconnecte depuis la page « Changement du mot de passe »
    Alors le mot de passe refusé n'ouvre pas sa session, celui d'avant l'ouvre toujours

    @PWD-02
    Exemples: un nouveau mot de passe trop court
      | erreur                                  | parcours                               |
      | un nouveau mot de passe de 7 caractères | à la première connexion                |
      | un nouveau mot de passe de 7 caractères | après « J'ai oublié mon mot de passe » |
      | un nouveau mot de passe de 7 caractères | de lui-même depuis son espace          |

    @PWD-07
    Exemples: une saisie erronée
      | erreur                                 | parcours                               |
      | un ancien mot de passe erroné          | à la première connexion                |
      | une confirmation différente du nouveau | à la première connexion                |
      | un ancien mot de passe erroné          | après « J'ai oublié mon mot de passe » |
      | une confirmation différente du nouveau | après « J'ai oublié mon mot de passe » |
      | un ancien mot de passe erroné          | de lui-même depuis son espace          |
      | une confirmation différente du nouveau | de lui-même depuis son espace          |

  @PWD-08
  Plan du scénario: Une fois le mot de passe modifié, seul le nouveau mot de passe ouvre l'espace, quand il le change <parcours>
    Étant donné un établissement inscrit qui change son mot de passe <parcours>
    Quand il choisit un nouveau mot de passe conforme
    Alors il est redirigé vers la page de connexion
    Et son ancien mot de passe est refusé
    Et il se connecte avec son bon mot de passe

    Exemples:
      | parcours                               |
      | à la première connexion                |
      | après « J'ai oublié mon mot de passe » |
      | de lui-même depuis son espace          |
