/** The page's <h1>, also used as the document title. */
export function PageHeading({ children }: { children: string }) {
  return (
    <>
      <title>{`${children} · Padu`}</title>
      <h1>{children}</h1>
    </>
  );
}
