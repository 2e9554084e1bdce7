import { describe, expect, it } from 'vitest';
import { decommissionGuide } from '../../src/licensing/decommission-guide.ts';

const texts = (steps: ReturnType<typeof decommissionGuide>) => steps.flatMap((s) => s.commands.map((c) => c.text));

describe('decommissionGuide', () => {
  it('gives the Windows steps with the exact commands for the server', () => {
    const steps = decommissionGuide({ address: '27000@lic01.example.org' });
    expect(steps.map((s) => s.id)).toEqual(['confirm-idle', 'stop-server', 'remove-service', 'uninstall']);
    expect(texts(steps)).toEqual(
      expect.arrayContaining([
        'cd /d "C:\\Autodesk\\Network License Manager"',
        'lmutil lmstat -a -c 27000@lic01.example.org',
        'lmutil lmdown -c 27000@lic01.example.org -q',
        'sc stop "FlexLM Service 1"',
        'sc delete "FlexLM Service 1"',
      ]),
    );
    expect(steps[2]!.commands[0]).toMatchObject({ shell: 'gui' });
    expect(steps[2]!.commands[0]!.text).toContain('Remove Service');
    expect(steps[3]!.commands.map((c) => c.shell)).toEqual(['gui', 'powershell']);
    expect(steps[3]!.commands[1]!.text).toContain("Name LIKE 'Autodesk Network License Manager%'");
    expect(steps[1]!.note).toBeUndefined();
  });

  it('uses the service name and folder given, and notes that a triad stops as a whole', () => {
    const steps = decommissionGuide({
      address: '27000@a,27000@b,27000@c',
      serviceName: 'Autodesk NLM',
      lmutilDir: 'D:\\NLM',
    });
    expect(texts(steps)).toContain('lmutil lmdown -c 27000@a,27000@b,27000@c -q');
    expect(texts(steps)).toContain('sc delete "Autodesk NLM"');
    expect(texts(steps)).toContain('cd /d "D:\\NLM"');
    expect(steps[1]!.note).toContain('triad');
  });

  it('gives the Linux/macOS steps', () => {
    const steps = decommissionGuide({ address: '@lic02', os: 'unix', serviceName: 'adsklmgrd' });
    expect(steps.map((s) => s.id)).toEqual(['confirm-idle', 'stop-server', 'remove-service']);
    expect(texts(steps)).toEqual([
      "cd '/opt/flexnetserver'",
      './lmutil lmstat -a -c @lic02',
      "cd '/opt/flexnetserver'",
      './lmutil lmdown -c @lic02 -q',
      "sudo systemctl disable --now 'adsklmgrd'",
    ]);
  });

  it('refuses values that could smuggle commands', () => {
    expect(() => decommissionGuide({ address: '27000@lic01 & del *' })).toThrow(/is not port@host/);
    expect(() => decommissionGuide({ address: '27000@a,27000@b,27000@c,27000@d' })).toThrow(/is not port@host/);
    expect(() => decommissionGuide({ address: 'lic01' })).toThrow(/is not port@host/);
    expect(() => decommissionGuide({ address: '27000@lic01', serviceName: 'x" & calc & "' })).toThrow(/service name/);
    expect(() => decommissionGuide({ address: '27000@lic01', lmutilDir: "C:\\a'; rm -rf /" })).toThrow(/lmutil folder/);
  });
});
