/* Progressive enhancements of the simulator's pages. Plain ES5 (var, function,
   XMLHttpRequest) so that old browsers run it; every page works without it. */
(function () {
  'use strict';

  function ecouter(element, type, fonction) {
    if (element.addEventListener) {
      element.addEventListener(type, fonction, false);
    } else if (element.attachEvent) {
      element.attachEvent('on' + type, function () { return fonction.call(element, window.event); });
    }
  }

  function empecher(evenement) {
    if (evenement.preventDefault) { evenement.preventDefault(); }
    evenement.returnValue = false;
    return false;
  }

  function parClasse(nom, balise) {
    var tous = document.getElementsByTagName(balise), trouves = [], i;
    for (i = 0; i < tous.length; i++) {
      if ((' ' + tous[i].className + ' ').indexOf(' ' + nom + ' ') !== -1) { trouves.push(tous[i]); }
    }
    return trouves;
  }

  function lireJson(texte) {
    /* IE7 has no JSON object; CSP-capable browsers all have one. */
    return window.JSON ? window.JSON.parse(texte) : eval('(' + texte + ')');
  }

  /* ACC-07: the e-mail fields must be typed by hand: "Le copier/coller est interdit." */
  var sansColler = parClasse('sans-coller', 'input'), i;
  for (i = 0; i < sansColler.length; i++) {
    ecouter(sansColler[i], 'paste', empecher);
    ecouter(sansColler[i], 'drop', empecher);
  }

  /* ACC-05: the Ville list follows the postal code as it is typed. */
  var codePostal = document.getElementById('code_postal');
  var ville = document.getElementById('ville');

  function option(texte, valeur) {
    var o = document.createElement('option');
    o.value = valeur;
    o.text = texte;
    return o;
  }

  function remplirVilles(communes) {
    while (ville.options.length > 0) { ville.remove(0); }
    if (communes.length === 0) {
      ville.options.add(option('veuillez saisir un code postal', ''));
    } else if (communes.length > 1) {
      ville.options.add(option('veuillez choisir une ville', ''));
    }
    for (var j = 0; j < communes.length; j++) {
      ville.options.add(option(communes[j].nom, communes[j].nom));
    }
  }

  if (codePostal && ville) {
    /* The code the server rendered the list for (not what may already have
       been typed before this script ran). */
    var dernierCode = (codePostal.defaultValue || '').replace(/\s/g, '');
    var chargerVilles = function () {
      var code = codePostal.value.replace(/\s/g, '');
      if (code === dernierCode) { return; }
      dernierCode = code;
      if (!/^\d{5}$/.test(code)) { remplirVilles([]); return; }
      var requete = new XMLHttpRequest();
      requete.open('GET', '/communes?code_postal=' + encodeURIComponent(code), true);
      requete.onreadystatechange = function () {
        if (requete.readyState === 4 && requete.status === 200 && code === dernierCode) {
          remplirVilles(lireJson(requete.responseText));
        }
      };
      requete.send(null);
    };
    ecouter(codePostal, 'keyup', chargerVilles);
    ecouter(codePostal, 'input', chargerVilles);
    ecouter(codePostal, 'change', chargerVilles);
    chargerVilles();
  }

  /* OUT-01: the "prenom.nom" button shows "Déconnexion". */
  var bouton = document.getElementById('bouton-utilisateur');
  var liste = document.getElementById('liste-utilisateur');
  if (bouton && liste) {
    liste.className = 'ferme';
    bouton.setAttribute('aria-expanded', 'false');
    ecouter(bouton, 'click', function () {
      var ouvert = liste.className !== 'ferme';
      liste.className = ouvert ? 'ferme' : '';
      bouton.setAttribute('aria-expanded', ouvert ? 'false' : 'true');
    });
  }

  /* RST-02: "Continuer" opens the new window "Mon Compte" as a popup (a
     window a script opened may close itself: "Fermer" below). Without JS the
     form's named target opens it as a new window or tab all the same. */
  var formulairesFenetre = document.getElementsByTagName('form');
  for (i = 0; i < formulairesFenetre.length; i++) {
    (function (formulaire) {
      if (!formulaire.getAttribute('data-nouvelle-fenetre') || !formulaire.target) { return; }
      ecouter(formulaire, 'submit', function () {
        window.open('', formulaire.target, 'width=760,height=600,resizable=yes,scrollbars=yes');
      });
    }(formulairesFenetre[i]));
  }

  /* RST-02: "Fermer" closes the window "Mon Compte"; if the browser refuses
     (a window the user opened), the link leads to the home page instead. */
  var liens = document.getElementsByTagName('a');
  for (i = 0; i < liens.length; i++) {
    (function (lien) {
      if (!lien.getAttribute('data-fermer')) { return; }
      ecouter(lien, 'click', function (evenement) {
        window.close();
        /* window.close() only asks: on a loaded machine the window may
           still be there after 500 ms, closing; leading it elsewhere then
           would cancel the close. Only a window that refused goes home. */
        window.setTimeout(function () {
          if (!window.closed) { window.location.href = lien.href; }
        }, 500);
        return empecher(evenement);
      });
    }(liens[i]));
  }

  /* Enter in a field submits with the form's main button, not with
     "Obtenir un nouveau code" or "Rechercher" that come first in the page. */
  var formulaires = document.getElementsByTagName('form');
  for (i = 0; i < formulaires.length; i++) {
    (function (formulaire) {
      var nom = formulaire.getAttribute('data-bouton-defaut');
      if (!nom) { return; }
      ecouter(formulaire, 'keydown', function (evenement) {
        var cible = evenement.target || evenement.srcElement;
        if (evenement.keyCode === 13 && cible.tagName === 'INPUT' && cible.type !== 'submit') {
          formulaire.elements[nom].click();
          return empecher(evenement);
        }
      });
    }(formulaires[i]));
  }
}());
