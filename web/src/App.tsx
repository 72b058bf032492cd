import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthProvider';
import { RequireAuth, RequirePermission } from './auth/RequireAuth';
import { SIGN_IN_PATH } from './auth/redirect';
import { I18nProvider } from './i18n/I18nProvider';
import { AuditPage } from './pages/audit/AuditPage';
import { HomePage } from './pages/HomePage';
import { OpdDetailPage } from './pages/organisasi/OpdDetailPage';
import { OpdListPage } from './pages/organisasi/OpdListPage';
import { PegawaiDetailPage } from './pages/pegawai/PegawaiDetailPage';
import { PegawaiListPage } from './pages/pegawai/PegawaiListPage';
import { PendudukListPage } from './pages/penduduk/PendudukListPage';
import { SignInPage } from './pages/SignInPage';
import { NotFoundPage } from './pages/StatusPages';
import { UserDetailPage } from './pages/users/UserDetailPage';
import { UsersPage } from './pages/users/UsersPage';
import { WilayahPage } from './pages/wilayah/WilayahPage';
import { Shell } from './shell/Shell';

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route path={SIGN_IN_PATH} element={<SignInPage />} />
            <Route
              element={
                <RequireAuth>
                  <Shell />
                </RequireAuth>
              }
            >
              <Route index element={<HomePage />} />
              <Route
                path="pengguna"
                element={
                  <RequirePermission permission="user.read">
                    <UsersPage />
                  </RequirePermission>
                }
              />
              <Route
                path="pengguna/:id"
                element={
                  <RequirePermission permission="user.read">
                    <UserDetailPage />
                  </RequirePermission>
                }
              />
              <Route
                path="audit"
                element={
                  <RequirePermission permission="audit.read">
                    <AuditPage />
                  </RequirePermission>
                }
              />
              <Route path="wilayah" element={<WilayahPage />} />
              <Route path="organisasi" element={<OpdListPage />} />
              <Route path="organisasi/:ref" element={<OpdDetailPage />} />
              <Route
                path="penduduk"
                element={
                  <RequirePermission permission="penduduk.read">
                    <PendudukListPage />
                  </RequirePermission>
                }
              />
              <Route
                path="pegawai"
                element={
                  <RequirePermission permission="pegawai.read">
                    <PegawaiListPage />
                  </RequirePermission>
                }
              />
              <Route
                path="pegawai/:ref"
                element={
                  <RequirePermission permission="pegawai.read">
                    <PegawaiDetailPage />
                  </RequirePermission>
                }
              />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
