# language: fr
@ACC
Fonctionnalité: Étape 2 de la création de compte : la demande de création de compte
  Dans le formulaire « Création de compte d'accès à l'extranet Activité
  Partielle », l'employeur renseigne les informations obligatoires de
  l'établissement et celles de la personne à contacter, 1er utilisateur du
  compte, puis clique sur « ENVOYER ». Il reçoit ensuite, sous 48h au maximum,
  3 mails de l'ASP : son identifiant de connexion, son mot de passe de connexion
  et la confirmation de la création de son habilitation.

  Contexte:
    Étant donné un employeur muni du SIRET de son établissement
    Et qu'il a validé son SIRET à l'étape 1

  @ACC-01
  Scénario: Le formulaire reprend le SIRET validé, sans permettre de le modifier
    Alors le formulaire « Création de compte d'accès à l'extranet Activité Partielle » s'affiche
    Et le champ « N° de Siret » affiche le SIRET validé à l'étape 1
    Et le champ « N° de Siret » n'est pas modifiable

  @ACC-02
  Scénario: Le formulaire marque d'un * les champs obligatoires
    Alors le formulaire présente les champs obligatoires, marqués d'un * :
      | Dénomination de l'établissement  |
      | Libellé de la voie               |
      | Code postal                      |
      | Ville                            |
      | Courriel établissement           |
      | Confirmer courriel établissement |
      | Téléphone fixe                   |
      | Nom                              |
      | Prénom                           |
      | Téléphone                        |
      | Courriel                         |
      | Confirmer courriel               |
      | Question secrète                 |
      | Réponse                          |
    Et il présente les champs facultatifs, sans * :
      | Numéro de voie       |
      | Extension de voie    |
      | Type de voie         |
      | Complément d'adresse |
      | Fax                  |

  @ACC-02 @ACC-10 @ACC-11 @ACC-12
  Scénario: Une demande complète est enregistrée et l'ASP envoie 3 mails à la personne à contacter
    Quand il envoie sa demande avec les champs obligatoires, et eux seuls
    Alors la demande de création de compte est enregistrée
    Et le message « Une fois votre demande validée, vous recevrez, sous 48h au maximum, 3 mails de l'ASP contenant votre identifiant de connexion, votre mot de passe de connexion ainsi qu'une confirmation de la création de votre habilitation. » s'affiche
    Et le message « Dans le cas où l'établissement a déjà un accès aux sites extranet gérés par l'ASP tels que SYLAé, APEA ou d'autres sites, les mails d'identifiant et de mot de passe ne seront pas renvoyés à l'établissement car il s'agit des mêmes identifiant et mot de passe. » ne s'affiche pas
    Et la personne à contacter reçoit 3 mails de l'ASP : son identifiant de connexion, son mot de passe de connexion et la confirmation de son habilitation
    Et l'identifiant et le mot de passe y figurent entre crochets

  @ACC-03
  Plan du scénario: Sans « <champ> », la demande est refusée et les champs renseignés gardent sa saisie
    Quand il envoie sa demande avec tous les champs sauf « <champ> »
    Alors le message « Tous les champs obligatoires (marqués d'un *) ne sont pas renseignés. » s'affiche
    Et les champs renseignés ont gardé ce qu'il avait saisi

    Exemples:
      | champ                            |
      | Dénomination de l'établissement  |
      | Libellé de la voie               |
      | Code postal                      |
      | Ville                            |
      | Courriel établissement           |
      | Confirmer courriel établissement |
      | Téléphone fixe                   |
      | Nom                              |
      | Prénom                           |
      | Téléphone                        |
      | Courriel                         |
      | Confirmer courriel               |
      | Question secrète                 |
      | Réponse                          |

  @ACC-03
  Plan du scénario: La demande refusée sans « <champ> » est enregistrée une fois « <champ> » renseigné
    Étant donné qu'il a envoyé sa demande avec tous les champs sauf « <champ> », qui a été refusée
    Quand il renseigne aussi « <champ> » et renvoie sa demande
    Alors la demande de création de compte est enregistrée

    Exemples:
      | champ                            |
      | Dénomination de l'établissement  |
      | Libellé de la voie               |
      | Code postal                      |
      | Ville                            |
      | Courriel établissement           |
      | Confirmer courriel établissement |
      | Téléphone fixe                   |
      | Nom                              |
      | Prénom                           |
      | Téléphone                        |
      | Courriel                         |
      | Confirmer courriel               |
      | Question secrète                 |
      | Réponse                          |

  @ACC-04
  Plan du scénario: Le champ « <champ> », limité à <limite> caractères, n'en garde que <gardés> sur <tapés> tapés
    Quand il tape <tapés> caractères dans le champ « <champ> »
    Alors le champ « <champ> » contient les <gardés> premiers caractères tapés

    Exemples:
      | champ                | limite | tapés | gardés |
      | Libellé de la voie   | 28     | 28    | 28     |
      | Libellé de la voie   | 28     | 29    | 28     |
      | Libellé de la voie   | 28     | 31    | 28     |
      | Complément d'adresse | 38     | 38    | 38     |
      | Complément d'adresse | 38     | 39    | 38     |

  @ACC-03
  Scénario: Le serveur exige le code postal, même quand la page envoie une ville sans lui
    Quand il envoie sa demande complète sans « Code postal », sa ville ajoutée à la liste comme avec les outils de développement du navigateur
    Alors le message « Tous les champs obligatoires (marqués d'un *) ne sont pas renseignés. » s'affiche
    Et aucun compte n'est créé : l'ASP n'envoie aucun mail, et le même SIRET reprend sa demande

  @ACC-04
  Plan du scénario: Le serveur refuse « <champ> » de <tapés> caractères, même quand la page ne le limite plus, et aucun compte n'est créé
    Quand il envoie sa demande complète, « <champ> » de <tapés> caractères, la limite de la page retirée comme avec les outils de développement du navigateur
    Alors le message « Le champ « <champ> » est limité à <limite> caractères. » s'affiche
    Et aucun compte n'est créé : l'ASP n'envoie aucun mail, et le même SIRET reprend sa demande

    Exemples:
      | champ                | limite | tapés |
      | Libellé de la voie   | 28     | 29    |
      | Complément d'adresse | 38     | 39    |

  @ACC-04
  Plan du scénario: Le serveur accepte « <champ> » de <limite> caractères tout juste, la limite de la page retirée
    Quand il envoie sa demande complète, « <champ> » de <limite> caractères, la limite de la page retirée comme avec les outils de développement du navigateur
    Alors la demande de création de compte est enregistrée

    Exemples:
      | champ                | limite |
      | Libellé de la voie   | 28     |
      | Complément d'adresse | 38     |

  @UD-03
  Scénario: Sur le formulaire aussi, une réponse secrète de 4 caractères est refusée et aucun compte n'est créé
    Quand il envoie sa demande complète avec la réponse secrète « Metz »
    Alors un message d'erreur indique « La réponse à votre question secrète doit comporter plus de 4 caractères. »
    Et aucun compte n'est créé : l'ASP n'envoie aucun mail, et le même SIRET reprend sa demande

  @UD-03
  Scénario: Sur le formulaire aussi, une réponse secrète de 5 caractères est acceptée
    Quand il envoie sa demande complète avec la réponse secrète « Tulle »
    Alors la demande de création de compte est enregistrée

  @ACC-05
  Scénario: Avant tout code postal, la liste « Ville » invite à en saisir un
    Alors la liste « Ville » indique « veuillez saisir un code postal »

  @ACC-05
  Scénario: La ville se choisit parmi les communes du code postal
    Quand il saisit le code postal 19000
    Alors la liste « Ville » propose « Les Angles-sur-Corrèze » et « Tulle »
    Et il peut y choisir « Tulle »

  @ACC-05
  Scénario: Une demande dont la ville a été choisie parmi les communes de son code postal est enregistrée
    Quand il envoie sa demande complète
    Alors la demande de création de compte est enregistrée

  @ACC-05
  Scénario: Le serveur refuse une ville qui n'est pas une commune du code postal, même quand la page l'envoie
    Quand il envoie sa demande complète, code postal 19000, la ville « Paris » ajoutée à la liste comme avec les outils de développement du navigateur
    Alors sa demande est refusée et le formulaire « Création de compte d'accès à l'extranet Activité Partielle » reste affiché
    Et aucun compte n'est créé : l'ASP n'envoie aucun mail, et le même SIRET reprend sa demande

  @ACC-06
  Plan du scénario: Une confirmation de « <courriel> » différente de sa première saisie est refusée
    Quand il envoie sa demande, la confirmation de « <courriel> » différant d'une lettre
    Alors sa demande est refusée et le formulaire « Création de compte d'accès à l'extranet Activité Partielle » reste affiché

    Exemples:
      | courriel               |
      | Courriel établissement |
      | Courriel               |

  @ACC-06
  Plan du scénario: Une fois la confirmation de « <courriel> » corrigée, la demande est enregistrée
    Étant donné que sa demande a été refusée, la confirmation de « <courriel> » différant d'une lettre
    Quand il corrige la confirmation de « <courriel> » et renvoie sa demande
    Alors la demande de création de compte est enregistrée

    Exemples:
      | courriel               |
      | Courriel établissement |
      | Courriel               |

  @ACC-07
  Scénario: Une adresse mail collée dans un champ de courriel n'y entre pas : le copier/coller est interdit
    Quand il colle une adresse mail dans chacun des champs :
      | Courriel établissement           |
      | Confirmer courriel établissement |
      | Courriel                         |
      | Confirmer courriel               |
    Alors ces champs restent vides

  @ACC-07
  Scénario: Les adresses mail se saisissent à la main
    Quand il tape à la main une adresse mail dans chacun des champs :
      | Courriel établissement           |
      | Confirmer courriel établissement |
      | Courriel                         |
      | Confirmer courriel               |
    Alors ces champs contiennent les adresses tapées

  @ACC-09
  Scénario: Les mails de l'ASP sont adressés à la personne à contacter, et non à l'adresse mail de l'établissement
    Quand il envoie sa demande complète
    Alors les mails de l'ASP sont adressés à la personne à contacter, et non à l'adresse mail de l'établissement

  @ACC-08
  Scénario: Le 1er utilisateur est la personne à contacter, dont le nom, le prénom et l'adresse mail ne sont plus modifiables
    Étant donné qu'il a envoyé sa demande complète
    Et que la personne à contacter s'est connectée à son espace
    Quand elle ouvre la « Fiche établissement »
    Alors la partie « Compte principal utilisateur (Personne à contacter) » présente ses nom, prénom et adresse mail
    Et ils ne sont pas modifiables

  @ENR-07 @ACC-09
  Scénario: Un Tiers déclarant crée un compte pour chacun des établissements qu'il gère
    Étant donné qu'il est Tiers déclarant et gère aussi un deuxième établissement
    Quand il envoie la demande du premier établissement en s'indiquant comme personne à contacter
    Et il répète cette étape pour le deuxième établissement, avec la même adresse mail
    Alors il reçoit, pour chacun des deux établissements, son identifiant, son mot de passe et la confirmation de son habilitation
    Et chaque établissement a son propre compte, avec son propre identifiant

  @ACC-11
  Scénario: Un établissement qui a déjà un accès à SYLAé garde ses identifiant et mot de passe de l'ASP
    Étant donné que l'établissement a déjà un accès à l'extranet SYLAé de l'ASP
    Quand il envoie sa demande complète
    Alors le message « Dans le cas où l'établissement a déjà un accès aux sites extranet gérés par l'ASP tels que SYLAé, APEA ou d'autres sites, les mails d'identifiant et de mot de passe ne seront pas renvoyés à l'établissement car il s'agit des mêmes identifiant et mot de passe. » s'affiche
    Et le message « Pour info : En cas de changement de mot de passe, la modification s'applique à tous les sites extranet gérés par l'ASP. » s'affiche
    Et le message « Une fois votre demande validée, vous recevrez, sous 48h au maximum, 3 mails de l'ASP contenant votre identifiant de connexion, votre mot de passe de connexion ainsi qu'une confirmation de la création de votre habilitation. » ne s'affiche pas
    Et la personne à contacter ne reçoit que la confirmation de son habilitation, sans nouvel identifiant ni mot de passe
    Et elle se connecte à l'extranet Activité Partielle avec ses identifiant et mot de passe de SYLAé

  @ACC-11 @LCK-01
  Scénario: Les identifiant et mot de passe de SYLAé se verrouillent au troisième mot de passe erroné, pas avant
    Étant donné que l'établissement a déjà un accès à l'extranet SYLAé de l'ASP
    Et qu'il a envoyé sa demande complète
    Et qu'il se sert de ses identifiant et mot de passe de SYLAé
    Quand il saisit 2 fois un mot de passe erroné
    Alors chacune de ces connexions est refusée sans que le compte soit dit verrouillé
    Quand il saisit un mot de passe erroné
    Alors la connexion est refusée car le compte est verrouillé

  @ENR-08
  Scénario: « ANNULER » sur le formulaire abandonne la demande et ramène à la page d'accueil
    Étant donné qu'il a renseigné tous les champs
    Quand il clique sur « ANNULER »
    Alors la page d'accueil s'affiche

  @ENR-08
  Scénario: Après « ANNULER » sur le formulaire, aucun compte n'est créé : le même SIRET reprend sa demande
    Étant donné qu'il a abandonné le formulaire par « ANNULER »
    Quand il reprend sa demande avec le même SIRET
    Alors le formulaire « Création de compte d'accès à l'extranet Activité Partielle » s'affiche

  @ENR-05
  Scénario: Un compte demandé pour ce SIRET par une autre personne pendant qu'il remplissait le formulaire : sa demande est refusée
    Étant donné qu'un compte a déjà été demandé pour ce SIRET par une autre personne
    Quand il envoie à son tour sa demande complète
    Alors un message d'erreur indique « Vous devez contacter l'utilisateur qui a déjà été créé pour ce SIRET. »
    Et aucun compte n'est créé pour lui : l'ASP ne lui envoie aucun mail
