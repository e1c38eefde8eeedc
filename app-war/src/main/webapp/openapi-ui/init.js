// Kept out of index.html: the Content-Security-Policy allows no inline script.
window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.yaml", dom_id: "#swagger-ui", deepLinking: true });
