import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Bundled by Vite: the map needs no network and no tile server.
import world from 'world-atlas/countries-110m.json';
import { useI18n } from '../i18n';
import { hasOpenRisk, ICGLR_STATUSES, mapBox, markerPath, spreadMarkers, type DashboardSite } from './model';

const WIDTH = 800;
const HEIGHT = 440;
const R = 7;

let countries: FeatureCollection<Geometry> | undefined;
/** Country shapes (Natural Earth 1:110m), converted once. */
function countryShapes(): FeatureCollection<Geometry> {
  const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
  countries ??= feature(topo, topo.objects.countries) as FeatureCollection<Geometry>;
  return countries;
}

/** The accessible name of a site's marker: name, country, ICGLR status and open risks. */
function useSiteName() {
  const { t, tOr, fmt } = useI18n();
  return (s: DashboardSite) =>
    t('dashboard.map.siteName', {
      name: s.name,
      country: fmt.country(s.country),
      status: tOr(`icglr.${s.icglr.status}`, s.icglr.status),
      risks: fmt.number(s.openRisks),
      incidents: fmt.number(s.openIncidents),
    });
}

function Legend() {
  const { t } = useI18n();
  return (
    <ul className="map-legend" aria-label={t('dashboard.map.legend')}>
      {ICGLR_STATUSES.map((s) => (
        <li key={s}>
          <svg width="20" height="20" viewBox="-10 -10 20 20" aria-hidden="true">
            <path className={`marker marker-${s}`} d={markerPath(s, R)} />
          </svg>
          {t(`icglr.${s}`)}
        </li>
      ))}
      <li>
        <svg width="24" height="24" viewBox="-12 -12 24 24" aria-hidden="true">
          <circle className="risk-ring" r={R + 4} />
        </svg>
        {t('dashboard.map.openRisk')}
      </li>
    </ul>
  );
}

function Details({ site }: { site: DashboardSite | undefined }) {
  const { t, tOr, fmt } = useI18n();
  return (
    <div className="site-details" aria-live="polite" data-testid="site-details">
      {site ? (
        <>
          <h3>{site.name}</h3>
          <dl>
            <dt>{t('dashboard.map.country')}</dt>
            <dd>{fmt.country(site.country)}</dd>
            <dt>{t('dashboard.map.icglrId')}</dt>
            <dd>{site.icglrId}</dd>
            <dt>{t('dashboard.map.status')}</dt>
            <dd>
              {tOr(`icglr.${site.icglr.status}`, site.icglr.status)}
              {site.icglr.since && ` — ${t('dashboard.map.since', { date: fmt.date(site.icglr.since) })}`}
            </dd>
            <dt>{t('dashboard.map.risks')}</dt>
            <dd data-field="risks">{fmt.number(site.openRisks)}</dd>
            <dt>{t('dashboard.map.incidents')}</dt>
            <dd data-field="incidents">{fmt.number(site.openIncidents)}</dd>
          </dl>
        </>
      ) : (
        <p className="hint">{t('dashboard.map.pick')}</p>
      )}
    </div>
  );
}

/**
 * The map of the mine sites the caller may see: country shapes projected with d3-geo around the sites, one
 * marker per site (shape and colour by ICGLR status, a ring when risks or incidents are open). Each marker is
 * focusable; focus or a click shows its details beside the map.
 */
export function SiteMap({ sites }: { sites: DashboardSite[] }) {
  const { t, fmt } = useI18n();
  const siteName = useSiteName();
  const [selected, setSelected] = useState<string>();
  const { land, points } = useMemo(() => {
    const [[w, s], [e, n]] = mapBox(sites);
    const frame = { type: 'MultiPoint' as const, coordinates: [[w, s], [e, s], [e, n], [w, n], [(w + e) / 2, s], [(w + e) / 2, n]] };
    const projection = geoNaturalEarth1().fitExtent([[8, 8], [WIDTH - 8, HEIGHT - 8]], frame);
    const path = geoPath(projection);
    return {
      land: countryShapes().features.map((f, i) => ({ key: String(f.id ?? i), d: path(f) ?? '' })),
      points: spreadMarkers(
        sites.flatMap((site) => {
          const p = projection([site.longitude, site.latitude]);
          return p ? [{ item: site, x: p[0], y: p[1] }] : [];
        }),
        3.5 * R,
      ),
    };
  }, [sites]);
  const current = sites.find((s) => s.uri === selected);
  if (sites.length === 0) return <p className="hint">{t('dashboard.map.noSites')}</p>;
  return (
    <div className="site-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="map" role="group" aria-label={t('dashboard.map.label', { count: fmt.number(sites.length) })}>
        <rect className="sea" width={WIDTH} height={HEIGHT} />
        <g aria-hidden="true">
          {land.map((c) => (
            <path key={c.key} className="country" d={c.d} />
          ))}
        </g>
        <g aria-hidden="true">
          {points
            .filter((p) => p.mx !== p.x || p.my !== p.y)
            .map((p) => (
              <g key={p.item.uri} className="leader">
                <line x1={p.x} y1={p.y} x2={p.mx} y2={p.my} />
                <circle cx={p.x} cy={p.y} r={2} />
              </g>
            ))}
        </g>
        {points.map(({ item: site, mx, my }) => (
          <g
            key={site.uri}
            className={`map-site${site.uri === selected ? ' map-site-selected' : ''}`}
            transform={`translate(${mx.toFixed(1)} ${my.toFixed(1)})`}
            tabIndex={0}
            role="button"
            aria-label={siteName(site)}
            aria-pressed={site.uri === selected}
            data-site={site.id}
            data-status={site.icglr.status}
            data-risk={hasOpenRisk(site) ? 'open' : 'none'}
            onFocus={() => setSelected(site.uri)}
            onClick={() => setSelected(site.uri)}
          >
            <title>{siteName(site)}</title>
            {hasOpenRisk(site) && <circle className="risk-ring" r={R + 4} />}
            <path className={`marker marker-${site.icglr.status}`} d={markerPath(site.icglr.status, R)} />
          </g>
        ))}
      </svg>
      <div className="map-side">
        <Legend />
        <Details site={current} />
      </div>
    </div>
  );
}
