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

  @ACC-12 @PWD-01 @PWD-07
  Scénario: L'identifiant et le mot de passe collés depuis les mails ouvrent le changement du mot de passe
    Étant donné un établissement inscrit qui ne s'est jamais connecté
    Quand il colle dans « MON ESPACE PERSONNEL » l'identifiant et le mot de passe reçus, sans les crochets, et se connecte
    Alors la page « Changement du mot de passe » à son identifiant s'affiche
    Et la page présente :
      | sorte  | texte                                |
      | champ  | Entrez l'ancien mot de passe :       |
      | champ  | Entrez le nouveau mot de passe :     |
      | champ  | Confirmez le nouveau mot de passe :  |
      | bouton | Changement du mot de passe           |

  @PWD-01
  Scénario: À la première connexion, le changement du mot de passe passe avant tout le reste
    Étant donné un établissement inscrit qui ne s'est jamais connecté
    Quand il se connecte avec l'identifiant et le mot de passe reçus
    Et il tente d'ouvrir son espace sans changer son mot de passe
    Alors la page « Changement du mot de passe » à son identifiant s'affiche

  Plan du scénario: Un nouveau mot de passe <défaut> est refusé
    Étant donné un établissement inscrit qui ne s'est jamais connecté
    Et qu'il s'est connecté pour la première fois
    Quand il choisit le nouveau mot de passe « <mot de passe> »
    Alors le nouveau mot de passe est refusé, le message d'erreur rappelant « <règle du guide> »
    Et la page « Changement du mot de passe » à son identifiant reste affichée

    @PWD-02
    Exemples: trop court
      | défaut          | mot de passe | règle du guide        |
      | de 7 caractères | Ab1.cde      | au moins 8 caractères |

    @PWD-03
    Exemples: sans chiffre
      | défaut       | mot de passe | règle du guide |
      | sans chiffre | Abcdefgh.ij  | 1 chiffre      |

    @PWD-04
    Exemples: sans caractère spécial
      | défaut                 | mot de passe | règle du guide       |
      | sans caractère spécial | Abcdefgh12   | 1 caractère spécial  |

    @PWD-06
    Exemples: accentué
      | défaut                     | mot de passe | règle du guide                                  |
      | avec un caractère accentué | Abcdéfgh1.   | Les caractères accentués ne sont pas autorisés. |

  @PWD-05
  Scénario: Un nouveau mot de passe égal à l'identifiant est refusé
    Étant donné un agent UD créé par l'Assistance, dont l'identifiant comporte un chiffre et un caractère spécial
    Et qu'il s'est connecté pour la première fois
    Quand il choisit son identifiant comme nouveau mot de passe
    Alors le nouveau mot de passe est refusé, le message d'erreur rappelant « différent de l'identifiant »
    Et la page « Changement du mot de passe » à son identifiant reste affichée

  @PWD-07
  Plan du scénario: Le changement du mot de passe est refusé avec <erreur>
    Étant donné un établissement inscrit qui ne s'est jamais connecté
    Et qu'il s'est connecté pour la première fois
    Quand il change son mot de passe avec <erreur>
    Alors le nouveau mot de passe est refusé
    Et la page « Changement du mot de passe » à son identifiant reste affichée

    Exemples:
      | erreur                                 |
      | un ancien mot de passe erroné          |
      | une confirmation différente du nouveau |

  @PWD-02 @PWD-03 @PWD-04 @PWD-05 @PWD-06 @PWD-08
  Scénario: Une fois le mot de passe modifié, seul le nouveau mot de passe ouvre l'espace
    Étant donné un établissement inscrit qui ne s'est jamais connecté
    Et qu'il s'est connecté pour la première fois
    Quand il choisit un nouveau mot de passe conforme
    Alors il est redirigé vers la page de connexion
    Et son ancien mot de passe est refusé
    Et il se connecte avec son bon mot de passe
