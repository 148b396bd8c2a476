import { ClaimCheck } from '../certificates/claim';
import { CertificateDetail } from '../certificates/detail';
import { CertificateRegistry } from '../certificates/registry';
import type { PageProps } from '.';

/** The claim check's sub-path (a certificate number is never `claim`: the registry numbers carry their scheme). */
const CLAIM_PATH = '/certificates/claim';

/** Certificates and claims: the registry (`#/certificates`), one certificate (`#/certificates/{id}`), the claim check. */
export function Certificates({ location }: PageProps) {
  if (location.path === CLAIM_PATH) return <ClaimCheck location={location} />;
  const rest = location.path.startsWith('/certificates/') ? location.path.slice('/certificates/'.length) : '';
  if (!rest) return <CertificateRegistry />;
  let id = rest;
  try {
    id = decodeURIComponent(rest);
  } catch {
    // A badly encoded id is asked for as it stands: the server answers not found.
  }
  return <CertificateDetail id={id} />;
}
