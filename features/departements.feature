# language: fr
@PROC
Fonctionnalité: La demande va à l'unité départementale du département de l'établissement, partout en France
  L'entreprise formule une demande d'autorisation préalable à l'unité
  départementale (UD) de son département. Le département de l'établissement
  se lit dans son code postal : ses deux premiers chiffres en métropole, 2A
  (Corse-du-Sud) ou 2B (Haute-Corse) en Corse, ses trois premiers chiffres
  outre-mer (971 à 976).

  @PROC-01 @supporte
  Plan du scénario: La demande signée d'un établissement <du département> va à l'UD <numéro>
    Étant donné un établissement <du département>, inscrit et connecté à son espace
    Et qu'il a saisi et enregistré une demande d'autorisation préalable
    Quand il signe et envoie sa demande
    Alors la demande est « En cours d'instruction » auprès de l'UD <numéro>

    Exemples:
      | du département     | numéro |
      | de l'Ain           | 01     |
      | de la Côte-d'Or    | 21     |
      | du Val-d'Oise      | 95     |
      | de la Corse-du-Sud | 2A     |
      | de la Haute-Corse  | 2B     |
      | de La Réunion      | 974    |
