/* Run in the page under test by harness/audit (through UI.evaluate, both
   backends): what the page is made of, and the accessibility checks of the
   guide's forms that axe-core cannot make. An expression: its value is an
   object that both Playwright and WebDriver return as JSON.

   - html: the document as the browser holds it (doctype + outerHTML);
   - resources: every stylesheet and script the page loaded (link, script,
     and the Resource Timing entries of either kind);
   - checks: the RGAA checks made here (French messages, criterion). */
(function () {
  var d = document;
  var text = function (el) { return (el && (el.innerText || el.textContent) || '').replace(/\s+/g, ' ').trim(); };
  var visible = function (el) { return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length); };
  var describe = function (el) {
    var s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    else if (el.getAttribute('name')) s += '[name="' + el.getAttribute('name') + '"]';
    return s;
  };
  var checks = [];
  var fail = function (id, rgaa, message, elements) {
    checks.push({ id: id, rgaa: rgaa, message: message,
      elements: (elements || []).slice(0, 10).map(describe) });
  };

  // Titre de la page (RGAA 8.5, 8.6)
  if (!d.title || !d.title.trim()) fail('titre', '8.5.1', 'La page n\'a pas de titre (<title>).');

  // Régions (RGAA 12.6) : en-tête, navigation, contenu principal, pied de page
  var region = function (tag, role) {
    return d.querySelector(tag + ',[role="' + role + '"]');
  };
  var manque = [];
  if (!region('header', 'banner')) manque.push('en-tête (header / role="banner")');
  if (!region('nav', 'navigation')) manque.push('navigation (nav / role="navigation")');
  if (!region('main', 'main')) manque.push('contenu principal (main / role="main")');
  if (!region('footer', 'contentinfo')) manque.push('pied de page (footer / role="contentinfo")');
  if (manque.length) fail('regions', '12.6.1', 'Régions de la page absentes : ' + manque.join(', ') + '.');

  // Lien d'évitement vers le contenu (RGAA 12.7) : premier lien de la page,
  // vers une ancre qui existe
  var liens = d.querySelectorAll('a[href]');
  var premier = liens.length ? liens[0] : null;
  var cible = premier && /^#./.test(premier.getAttribute('href'))
    ? d.getElementById(premier.getAttribute('href').slice(1)) : null;
  if (!cible) fail('lien-evitement', '12.7.1',
    'Pas de lien d\'évitement : le premier lien de la page doit mener au contenu principal (href="#…").',
    premier ? [premier] : []);

  // Champs de formulaire
  var champs = Array.prototype.filter.call(
    d.querySelectorAll('input, select, textarea'),
    function (el) { return !/^(hidden|submit|button|reset|image)$/i.test(el.type || ''); });

  // Messages d'erreur reliés à leur champ (RGAA 11.10, 11.11)
  var invalides = champs.filter(function (el) { return el.getAttribute('aria-invalid') === 'true'; });
  invalides.forEach(function (el) {
    var ids = (el.getAttribute('aria-describedby') || el.getAttribute('aria-errormessage') || '')
      .split(/\s+/).filter(Boolean);
    var ok = ids.some(function (id) { var m = d.getElementById(id); return m && text(m); });
    if (!ok) fail('erreur-non-reliee', '11.10.2',
      'Champ en erreur (aria-invalid="true") sans message relié par aria-describedby.', [el]);
  });
  var alertes = Array.prototype.filter.call(d.querySelectorAll('[role="alert"]'),
    function (el) { return text(el) && visible(el); });
  var saisissables = champs.filter(function (el) { return visible(el) && !el.disabled && !el.readOnly; });
  // a read-only field is still focused and read out with its description: a
  // message about it (step 2's SIRET, registered meanwhile) may be tied to it
  var lisibles = champs.filter(function (el) { return visible(el) && !el.disabled; });
  if (alertes.length && saisissables.length) {
    var decrits = {};
    lisibles.forEach(function (el) {
      (el.getAttribute('aria-describedby') || '').split(/\s+/).forEach(function (id) { if (id) decrits[id] = true; });
    });
    var relie = function (el) {
      for (var n = el; n && n !== d.body; n = n.parentElement) if (n.id && decrits[n.id]) return true;
      return false;
    };
    var messages = [];
    alertes.forEach(function (a) {
      var items = a.querySelectorAll('p, li');
      if (items.length) Array.prototype.forEach.call(items, function (m) { if (text(m)) messages.push(m); });
      else messages.push(a);
    });
    var seuls = messages.filter(function (m) { return !relie(m); });
    if (!invalides.length) {
      fail('erreur-sans-champ', '11.10.1',
        'La page affiche une erreur mais aucun champ n\'est signalé en erreur (aria-invalid="true").',
        alertes);
    } else if (seuls.length) {
      fail('message-non-relie', '11.10.2',
        'Message d\'erreur relié à aucun champ (aria-describedby) : « ' + text(seuls[0]) + ' ».', seuls);
    }
  }

  // autocomplete sur les champs d'identité (RGAA 11.13) : nom, prénom,
  // courriel, téléphone, adresse, organisation
  var IDENTITE = /(^|[^a-zà-ÿ])(nom|pr[ée]nom|courriel|e-?mail|t[ée]l[ée]phone|tel|fax|code[ _-]?postal|ville|adresse|libell[ée][ _-]de[ _-]la[ _-]voie|libelle_voie|d[ée]nomination|organisation)([^a-zà-ÿ]|$)/i;
  var sansAutocomplete = champs.filter(function (el) {
    if (!/^(text|email|tel|)$/i.test(el.getAttribute('type') || '') && el.tagName !== 'SELECT') return false;
    var libelle = el.labels && el.labels.length ? text(el.labels[0]) : '';
    var cle = (el.name || '') + ' ' + (el.id || '') + ' ' + libelle;
    if (!IDENTITE.test(cle)) return false;
    var ac = (el.getAttribute('autocomplete') || '').trim();
    return !ac;
  });
  if (sansAutocomplete.length) fail('autocomplete', '11.13.1',
    'Champs d\'identité sans attribut autocomplete : ' + sansAutocomplete.map(describe).join(', ') + '.',
    sansAutocomplete);

  // Ressources chargées
  var urls = {};
  var add = function (url, kind) { if (url && /^https?:/.test(url)) urls[url.split('#')[0]] = kind; };
  Array.prototype.forEach.call(d.querySelectorAll('link[rel~="stylesheet"][href]'), function (l) { add(l.href, 'css'); });
  Array.prototype.forEach.call(d.querySelectorAll('script[src]'), function (s) { add(s.src, 'js'); });
  if (window.performance && performance.getEntriesByType) {
    performance.getEntriesByType('resource').forEach(function (e) {
      if (e.initiatorType === 'script') add(e.name, 'js');
      else if (e.initiatorType === 'link' || e.initiatorType === 'css') {
        if (/\.css(\?|$)/.test(e.name)) add(e.name, 'css');
      }
    });
  }
  // The page's structure: elements, attribute names (and the values that
  // choose a behaviour), inline scripts and styles; not the texts nor the
  // other values (names, numbers, CSRF tokens). Two pages with one structure
  // get the same compatibility findings: the HTML is checked once.
  var squelette = [];
  var COMPTE = /^(type|rel|role|autocomplete|lang|http-equiv|charset)$/;
  Array.prototype.forEach.call(d.getElementsByTagName('*'), function (el) {
    var attrs = Array.prototype.map.call(el.attributes, function (a) {
      return COMPTE.test(a.name) ? a.name + '=' + a.value : a.name;
    }).sort().join(' ');
    var code = /^(SCRIPT|STYLE)$/.test(el.tagName) ? el.textContent : '';
    squelette.push(el.tagName + '[' + attrs + ']' + code);
  });
  var doctype = d.doctype ? '<!DOCTYPE ' + d.doctype.name + '>\n' : '';
  return {
    url: location.href,
    title: d.title || '',
    html: doctype + d.documentElement.outerHTML,
    skeleton: squelette.join('\n'),
    resources: Object.keys(urls).map(function (u) { return { url: u, kind: urls[u] }; }),
    checks: checks
  };
})()
