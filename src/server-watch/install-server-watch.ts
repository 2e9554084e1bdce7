// The licensing feature module: the agent's lmstat push and the switch scripts' device reports.
import type { AppModule } from '../app/context.ts';
import { DEVICE_REPORT_PATH, deviceReportHandler } from '../device-reports/device-report-route.ts';
import { LMSTAT_PUSH_PATH, lmstatPushHandler } from './lmstat-push-route.ts';

export const installLicensing: AppModule = ({ ctx, http }) => {
  http.router.add('POST', LMSTAT_PUSH_PATH, lmstatPushHandler(ctx));
  http.router.add('POST', DEVICE_REPORT_PATH, deviceReportHandler(ctx));
};
