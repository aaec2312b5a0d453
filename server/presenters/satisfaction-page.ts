const labels = ['Très insatisfait', 'Insatisfait', 'Correct', 'Satisfait', 'Très satisfait'];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Mairie</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#161616;line-height:1.5}
h1{font-size:1.5rem}fieldset{border:0;padding:0;margin:1rem 0}legend{font-weight:600;margin-bottom:.5rem}
label{display:block;padding:.4rem 0;font-size:1.05rem}input[type=radio]{width:1.2rem;height:1.2rem;vertical-align:middle;margin-right:.5rem}
button{font-size:1rem;padding:.6rem 1.2rem;background:#000091;color:#fff;border:0;border-radius:.25rem;cursor:pointer}
button:focus,input:focus{outline:3px solid #0a76f6;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${content}
</main>
</body>
</html>`;
}

/**
 * The rating form, with the note chosen in the mail already selected. Recording takes a POST on purpose: mail
 * security scanners open every link of a message, and a GET that recorded would let them "rate" in the
 * citizen's place.
 */
export function satisfactionFormPage(reference: string, actionPath: string, chosen: number | null): string {
  const options = labels
    .map((label, index) => {
      const value = index + 1;
      return `<label><input type="radio" name="note" value="${value}"${value === chosen ? ' checked' : ''} required> ${value} – ${escapeHtml(label)}</label>`;
    })
    .join('\n');
  return page(
    'Votre avis sur le traitement de votre demande',
    `<p>Demande ${escapeHtml(reference)}.</p>
<form method="post" action="${escapeHtml(actionPath)}">
<fieldset>
<legend>Votre note, de 1 (très insatisfait) à 5 (très satisfait)</legend>
${options}
</fieldset>
<button type="submit">Envoyer ma note</button>
</form>`,
  );
}

export function satisfactionMessagePage(title: string, message: string): string {
  return page(title, `<p>${escapeHtml(message)}</p>`);
}
