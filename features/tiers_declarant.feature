# language: fr
@PROC
Fonctionnalité: Le Tiers déclarant gère les demandes des établissements qui la lui délèguent
  Un employeur souhaite déléguer la gestion de ses demandes d'autorisation
  préalable à l'activité partielle et des demandes d'indemnisation afférentes :
  le Tiers déclarant fait une demande de création de compte à l'extranet pour
  cet établissement, et répète cette étape pour chaque établissement qu'il
  gère. La personne à contacter est l'utilisateur destinataire de tous les
  échanges liés à l'activité partielle pour l'employeur, c'est-à-dire le Tiers
  déclarant.

  @PROC-04 @ENR-07 @ACC-09 @supporte
  Scénario: Le Tiers déclarant dépose une demande pour chacun de ses deux établissements et reçoit les deux accusés de réception
    Étant donné un Tiers déclarant qui a créé le compte de deux établissements en s'indiquant comme personne à contacter
    Quand il signe et envoie une demande d'autorisation préalable avec le compte de chaque établissement
    Alors il reçoit à son adresse l'accusé de réception de chacune des deux demandes, au nom de chaque établissement
    Et le compte de chaque établissement ne voit que la demande de cet établissement

  @ENR-07
  Scénario: Chaque compte créé par le Tiers déclarant a son propre identifiant et ne présente que son établissement
    Étant donné un Tiers déclarant qui a créé le compte de deux établissements en s'indiquant comme personne à contacter
    Alors le compte de chaque établissement ne présente que cet établissement dans sa « Fiche établissement »

  @ENR-07 @PROC-04 @supporte
  Plan du scénario: Le compte du deuxième établissement du Tiers déclarant ne peut pas <action> par son adresse la demande du premier
    Étant donné un Tiers déclarant qui a créé le compte de deux établissements en s'indiquant comme personne à contacter
    Et qu'il a saisi et enregistré une demande d'autorisation préalable avec le compte du premier établissement
    Quand il tente de <action> la demande par son adresse avec le compte du deuxième établissement
    Alors le message « Cette page n'existe pas. » s'affiche

    Exemples:
      | action    |
      | consulter |
      | modifier  |
      | signer    |
