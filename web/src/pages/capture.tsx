import { useState } from 'react';
import { AssayForm, MoveForm, PackForm } from '../capture/custody-forms';
import { DevicesPanel } from '../capture/devices-panel';
import { MinerForm } from '../capture/miner-form';
import { PurchaseForm } from '../capture/purchase-form';
import { QueueView } from '../capture/queue-view';
import { useField } from '../capture/use-field';
import { ErrorMessage } from '../errors';
import { useI18n, type MessageKey } from '../i18n';
import { useMe } from '../session';
import type { PageProps } from '.';

const TABS = ['miner', 'purchase', 'pack', 'move', 'assay', 'queue'] as const;
type Tab = (typeof TABS)[number];

/**
 * Field capture (docs/web.md, "Field capture"), phone first: register a miner, record a purchase, pack and seal,
 * ship and receive, record an assay; every capture is signed with the device's key and queued on the device, and
 * synced when the network is there. Works offline once the device has been registered online.
 */
export function Capture(_: PageProps) {
  const { t, fmt } = useI18n();
  const me = useMe();
  const org = me.principal.org?.id;
  const [tab, setTab] = useState<Tab>('purchase');
  if (!org) return <p>{t('capture.noOrganisation')}</p>;
  return <CapturePage org={org} admin={me.principal.role === 'admin'} tab={tab} setTab={setTab} t={t} fmt={fmt} />;
}

function CapturePage({ org, admin, tab, setTab, t, fmt }: { org: string; admin: boolean; tab: Tab; setTab(t: Tab): void } & Pick<ReturnType<typeof useI18n>, 't' | 'fmt'>) {
  const field = useField(org);
  const { kit, queue, online } = field;
  const pending = queue.filter((q) => q.status === 'pending').length;
  const ctx = kit ? { org, kit } : undefined;
  return (
    <div className="capture">
      <h1>{t('nav.capture')}</h1>
      <div className="capture-status" role="status" data-online={online}>
        <span className={online ? 'badge online' : 'badge offline'}>{online ? t('capture.online') : t('capture.offline')}</span>
        {kit && <span>{t('capture.device', { number: kit.device.lotPrefix, name: kit.device.name })}</span>}
        <span data-testid="pending">{t('capture.pending', { count: fmt.number(pending) })}</span>
        {kit && <span className="hint">{t('capture.refreshed', { at: fmt.dateTime(kit.refreshedAt) })}</span>}
      </div>
      <button type="button" className="big" onClick={() => void field.sync()} disabled={!online || field.syncing}>
        {field.syncing ? t('capture.syncing') : t('capture.sync')}
      </button>
      {field.error !== undefined && <ErrorMessage error={field.error} />}
      {!ctx ? (
        <p>{online ? t('app.loading') : t('capture.needsFirstVisit')}</p>
      ) : (
        <>
          <div className="capture-tabs" role="group" aria-label={t('capture.tabs')}>
            {TABS.map((k) => (
              <button key={k} type="button" className={tab === k ? 'tab current' : 'tab'} aria-pressed={tab === k} onClick={() => setTab(k)}>
                {t(`capture.tab.${k}` as MessageKey)}
                {k === 'queue' && pending > 0 ? ` (${fmt.number(pending)})` : ''}
              </button>
            ))}
          </div>
          {tab === 'miner' && <MinerForm ctx={ctx} onCaptured={field.captured} />}
          {tab === 'purchase' && <PurchaseForm ctx={ctx} online={online} onCaptured={field.captured} />}
          {tab === 'pack' && <PackForm ctx={ctx} onCaptured={field.captured} />}
          {tab === 'move' && <MoveForm ctx={ctx} onCaptured={field.captured} />}
          {tab === 'assay' && <AssayForm ctx={ctx} onCaptured={field.captured} />}
          {tab === 'queue' && <QueueView queue={queue} onRetry={() => void field.retry()} onClear={() => void field.clearAccepted()} busy={field.syncing} />}
          {/* The organisation's devices are the server's list: for its admins, online. */}
          {tab === 'queue' && admin && online && <DevicesPanel current={ctx.kit.device.id} />}
        </>
      )}
    </div>
  );
}
