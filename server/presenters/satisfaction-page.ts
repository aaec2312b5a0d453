import { escapeHtml, messagePage, publicPage } from '../http/public/public-page';

const labels = ['Très insatisfait', 'Insatisfait', 'Correct', 'Satisfait', 'Très satisfait'];

export const satisfactionCommentMaxLength = 2000;

/**
 * The rating form, with the note chosen in the mail already selected, and room for an optional comment that
 * reaches the supervisors. Recording takes a POST on purpose: mail security scanners open every link of a
 * message, and a GET that recorded would let them "rate" in the citizen's place.
 */
export function satisfactionFormPage(reference: string, actionPath: string, chosen: number | null): string {
  const options = labels
    .map((label, index) => {
      const value = index + 1;
      return `<label class="choice"><input type="radio" name="note" value="${value}"${value === chosen ? ' checked' : ''} required> ${value} – ${escapeHtml(label)}</label>`;
    })
    .join('\n');
  return publicPage({
    title: 'Votre avis sur le traitement de votre demande',
    main: `<h1>Votre avis sur le traitement de votre demande</h1>
<p>Demande ${escapeHtml(reference)}.</p>
<form method="post" action="${escapeHtml(actionPath)}">
<fieldset>
<legend>Votre note, de 1 (très insatisfait) à 5 (très satisfait)</legend>
${options}
</fieldset>
<div class="field">
<label for="commentaire">Un commentaire (facultatif)</label>
<p class="hint" id="commentaire-aide">Ce que nous pourrions améliorer, ce qui vous a aidé. Ne donnez pas d’informations personnelles. ${satisfactionCommentMaxLength} caractères au plus.</p>
<textarea id="commentaire" name="commentaire" rows="4" maxlength="${satisfactionCommentMaxLength}" aria-describedby="commentaire-aide"></textarea>
</div>
<button type="submit">Envoyer mon avis</button>
</form>`,
  });
}

export function satisfactionMessagePage(title: string, message: string): string {
  return messagePage(title, message);
}
