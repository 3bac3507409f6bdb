// Renders the node's own contract; a file, not an inline script, since the CSP allows scripts from 'self' only.
window.ui = SwaggerUIBundle({
  url: '/api/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  // the reference is for reading: "Try it out" would send writes without the XSRF header
  supportedSubmitMethods: [],
  // no call to the public validator service: the node loads nothing from elsewhere
  validatorUrl: null
});
