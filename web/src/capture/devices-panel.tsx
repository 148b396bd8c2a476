import { useState } from 'react';
import { api } from '../api';
import { ErrorMessage } from '../errors';
import { useI18n } from '../i18n';
import { Loaded, useResource } from '../use-load';

/** A device as GET /devices lists it (src/http/field.ts). */
interface DeviceRow {
  id: string;
  name: string;
  lotPrefix: string;
  registeredAt: string;
  revokedAt?: string;
}

/**
 * The organisation's field devices, for its admins (GET /devices), this one marked; a device can be revoked
 * (DELETE /devices/{id}: its captures are refused from then on) after an explicit confirmation, since a revoked
 * device cannot be brought back. Online only: the list is the server's.
 */
export function DevicesPanel({ current }: { current: string }) {
  const { t, fmt } = useI18n();
  const devices = useResource<DeviceRow[]>('/devices');
  const [asked, setAsked] = useState<DeviceRow>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const revoke = async (d: DeviceRow) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.delete(`/devices/${encodeURIComponent(d.id)}`);
      setAsked(undefined);
      devices.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="capture-form devices" aria-labelledby="devices-title">
      <h2 id="devices-title">{t('capture.devices.title')}</h2>
      <Loaded resource={devices}>
        {(list) => (
          <ul className="device-list">
            {list.map((d) => (
              <li key={d.id} data-device={d.lotPrefix} data-revoked={d.revokedAt !== undefined}>
                <strong>{d.lotPrefix}</strong> {d.name}
                {d.id === current && <span className="badge"> {t('capture.devices.this')}</span>}
                <span className="hint"> · {d.revokedAt ? t('capture.devices.revoked', { at: fmt.date(d.revokedAt) }) : t('capture.devices.registered', { at: fmt.date(d.registeredAt) })}</span>
                {!d.revokedAt && asked?.id !== d.id && (
                  <button type="button" className="secondary" onClick={() => setAsked(d)}>
                    {t('capture.devices.revoke', { number: d.lotPrefix })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      {asked && (
        <div className="warning" role="alertdialog" aria-labelledby="revoke-question">
          <p id="revoke-question">{t(asked.id === current ? 'capture.devices.confirmThis' : 'capture.devices.confirm', { number: asked.lotPrefix, name: asked.name })}</p>
          <button type="button" onClick={() => void revoke(asked)} disabled={busy}>
            {t('capture.devices.confirmYes')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setAsked(undefined)} disabled={busy}>
            {t('capture.devices.cancel')}
          </button>
        </div>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
