// Progressive enhancement of the request form: the same POST, without reloading, so that a double click cannot
// send twice and the errors come back next to their fields. Without this script the form works the same way.
(function () {
  'use strict';
  var form = document.getElementById('formulaire-demande');
  if (!form || !window.fetch || !window.FormData) return;
  var button = form.querySelector('button[type=submit]');
  var sending = false;
  // The title ends with the town hall the page speaks for (« – Mairie d’Obernai »): a new title keeps it.
  var townHallSuffix = document.title.slice(document.title.lastIndexOf(' – '));

  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (node) {
      node.remove();
    });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (control) {
      control.removeAttribute('aria-invalid');
      var ids = (control.getAttribute('aria-describedby') || '').split(' ').filter(function (id) {
        return id && !/-erreur$/.test(id);
      });
      if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
      else control.removeAttribute('aria-describedby');
    });
    Array.prototype.forEach.call(form.querySelectorAll('.has-error'), function (field) {
      field.classList.remove('has-error');
    });
  }

  function showErrors(answer) {
    clearErrors();
    (answer.errors || []).forEach(function (error) {
      var control = document.getElementById('champ-' + error.field);
      if (!control) return;
      var message = document.createElement('p');
      message.className = 'field-error';
      message.id = control.id + '-erreur';
      var prefix = document.createElement('span');
      prefix.className = 'visually-hidden';
      prefix.textContent = 'Erreur : ';
      message.appendChild(prefix);
      message.appendChild(document.createTextNode(error.message));
      control.parentNode.insertBefore(message, control);
      control.parentNode.classList.add('has-error');
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', ((control.getAttribute('aria-describedby') || '') + ' ' + message.id).trim());
    });
    var summary = document.getElementById('erreurs');
    var fresh = document.createElement('div');
    fresh.innerHTML = answer.summaryHtml;
    summary.replaceWith(fresh.firstElementChild);
    if (answer.formKey) form.elements.cle.value = answer.formKey;
    if (answer.startToken) form.elements.debut.value = answer.startToken;
    if (answer.title) document.title = answer.title + townHallSuffix;
    document.getElementById('erreurs').focus();
  }

  function tooLarge() {
    var input = document.getElementById('champ-attachments');
    var limit = Number(input.getAttribute('data-max-total-bytes'));
    var total = Array.prototype.reduce.call(
      input.files || [],
      function (sum, file) {
        return sum + file.size;
      },
      0,
    );
    return limit && total > limit;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (sending) return;
    if (tooLarge()) {
      showErrors({
        title: 'Erreur : Faire une demande à la mairie',
        errors: [{ field: 'attachments', message: 'Les pièces jointes dépassent la taille totale permise : retirez-en ou réduisez-les.' }],
        summaryHtml:
          '<div id="erreurs" class="error-summary" tabindex="-1" role="alert"><h2>Un champ est à corriger</h2><ul><li><a href="#champ-attachments">Les pièces jointes dépassent la taille totale permise : retirez-en ou réduisez-les.</a></li></ul></div>',
      });
      return;
    }
    sending = true;
    button.setAttribute('aria-disabled', 'true');
    // A failed send is reported by the chain itself: nothing is left to await.
    void fetch(form.action, {
      method: 'POST',
      body: new FormData(form),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          if (response.ok && answer.confirmationUrl) {
            window.location.assign(answer.confirmationUrl);
            return;
          }
          showErrors(answer);
        });
      })
      .catch(function () {
        showErrors({
          errors: [],
          summaryHtml:
            '<div id="erreurs" class="error-summary" tabindex="-1" role="alert"><h2>Votre demande n’est pas encore envoyée</h2><p>La connexion a échoué. Vérifiez votre connexion, puis envoyez de nouveau : votre demande ne sera pas enregistrée deux fois.</p></div>',
        });
      })
      .then(function () {
        sending = false;
        button.removeAttribute('aria-disabled');
      });
  });
})();
