// POST /api/v1/devices registers (or renames) this browser profile; GET lists the user's devices.
import { deviceRegistrationSchema, deviceSchema, errorResponseSchema } from '../../shared/api-schemas.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';
import { HttpError } from './errors.ts';
import { presentDevice } from './presenters.ts';
import { deviceListSchema } from './schemas.ts';

export const registerDeviceRoutes: RouteModule = (app, { store }) => {
  app.post(
    '/api/v1/devices',
    {
      schema: {
        tags: ['devices'],
        body: deviceRegistrationSchema,
        response: { 200: deviceSchema, 409: errorResponseSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { deviceId, name } = request.body;
      const device = await store.upsertDevice({ deviceId, userId: user.id, name, at: new Date() });
      if (!device) throw new HttpError(409, 'device_taken', 'This device id is registered to another user');
      return presentDevice(device);
    },
  );

  app.get('/api/v1/devices', { schema: { tags: ['devices'], response: { 200: deviceListSchema } } }, async (request) => {
    const devices = await store.listDevices(currentUser(request).id);
    return { devices: devices.map(presentDevice) };
  });
};
