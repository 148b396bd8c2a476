import swagger, { type SwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { appWide, type OrpaillePlugin } from './context.js';

/** OpenAPI 3 document of the API, generated from the route schemas. */
export const openApiInfo: NonNullable<Extract<SwaggerOptions, { openapi?: unknown }>['openapi']> = {
  openapi: '3.0.3',
  info: {
    title: 'Orpaille API',
    version: '0.1.0',
    description: 'Chain of custody for responsible artisanal gold (GS1 EPCIS 2.0). Authentication, roles and visibility: docs/api.md.',
  },
  components: {
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', description: 'API token `orp_...` (orpaille token create)' },
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'orp_session', description: 'web session from POST /auth/login; unsafe methods also need the x-orpaille-csrf header' },
    },
  },
  security: [{ bearerAuth: [] }, { cookieAuth: [] }],
};

/**
 * Collects every route registered after it into the OpenAPI document (so it comes before the route
 * plugins) and serves Swagger UI at /docs and the document at /docs/json, both public.
 */
export const docs: OrpaillePlugin = appWide(async (app) => {
  await app.register(swagger, {
    openapi: openApiInfo,
    // Public routes need no credentials: say so in the document.
    transform: ({ schema, url, route }) => {
      const transformed = { schema: { ...schema }, url };
      if (route.config?.public) (transformed.schema as Record<string, unknown>)['security'] = [];
      return transformed;
    },
  });
  await app.register(async (ui) => {
    ui.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await ui.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });
  });
});
