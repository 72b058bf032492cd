/** App name and owner. Deliberately not translated: these are proper names. */
export function Brand() {
  return (
    <div className="brand">
      <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="6" />
        <path d="M10 24V8h7a5 5 0 0 1 0 10h-7" />
      </svg>
      <div>
        <p className="brand__name">Padu</p>
        <p className="brand__owner">Pemerintah Kota Padang</p>
      </div>
    </div>
  );
}
