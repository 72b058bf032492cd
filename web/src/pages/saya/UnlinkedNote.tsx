/** Why there is nothing to show: the server's own words (e.g. "contact your kelurahan"). */
export function UnlinkedNote({ message }: { message: string }) {
  return (
    <div className="alert saya-note" role="note">
      <p>{message}</p>
    </div>
  );
}
