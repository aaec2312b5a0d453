// A file of its own, not an inline script: the page's Content-Security-Policy allows scripts from the server only.
window.SwaggerUIBundle({
  url: '/api/docs/openapi.json',
  dom_id: '#api-reference',
  deepLinking: true,
  // No badge from the online validator: the page loads nothing from outside this server.
  validatorUrl: null,
  // The viewer reads the document; "Try it out" would send requests with whatever token is pasted into it.
  supportedSubmitMethods: [],
});
