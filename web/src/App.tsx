import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthProvider';
import { RequireAuth, RequirePermission } from './auth/RequireAuth';
import { SIGN_IN_PATH } from './auth/redirect';
import { I18nProvider } from './i18n/I18nProvider';
import { AuditPage } from './pages/audit/AuditPage';
import { DaftarPage } from './pages/daftar/DaftarPage';
import { HomePage } from './pages/HomePage';
import { IntegrasiLayout } from './pages/integrasi/IntegrasiLayout';
import { AplikasiBaruPage } from './pages/integrasi/AplikasiBaruPage';
import { AplikasiDetailPage } from './pages/integrasi/AplikasiDetailPage';
import { InventarisPage } from './pages/integrasi/InventarisPage';
import { KatalogAplikasiPage } from './pages/integrasi/KatalogAplikasiPage';
import { PetaPage } from './pages/integrasi/PetaPage';
import { GatewayPage } from './pages/integrasi/gateway/GatewayPage';
import { GatewayDetailPage } from './pages/integrasi/gateway/GatewayDetailPage';
import { GatewayLogPage } from './pages/integrasi/gateway/GatewayLogPage';
import { WebhookPage } from './pages/integrasi/webhook/WebhookPage';
import { WebhookLogPage } from './pages/integrasi/webhook/WebhookLogPage';
import { ImporPage } from './pages/integrasi/impor/ImporPage';
import { ImporDetailPage } from './pages/integrasi/impor/ImporDetailPage';
import { RekonsiliasiPage } from './pages/integrasi/impor/RekonsiliasiPage';
import { KualitasPage } from './pages/integrasi/impor/KualitasPage';
import { AjukanPage } from './pages/layanan/AjukanPage';
import { AntrianDetailPage } from './pages/layanan/AntrianDetailPage';
import { AntrianPage } from './pages/layanan/AntrianPage';
import { HariLiburPage } from './pages/layanan/HariLiburPage';
import { JenisFormPage } from './pages/layanan/JenisFormPage';
import { KatalogPage } from './pages/layanan/KatalogPage';
import { KecamatanDetailPage } from './pages/layanan/KecamatanDetailPage';
import { KecamatanPage } from './pages/layanan/KecamatanPage';
import { KelolaPage } from './pages/layanan/KelolaPage';
import { LacakPage } from './pages/layanan/LacakPage';
import { LoketPage } from './pages/layanan/LoketPage';
import { PermohonanSayaDetailPage } from './pages/layanan/PermohonanSayaDetailPage';
import { PermohonanSayaPage } from './pages/layanan/PermohonanSayaPage';
import { StatistikPage } from './pages/layanan/StatistikPage';
import { OpdDetailPage } from './pages/organisasi/OpdDetailPage';
import { OpdListPage } from './pages/organisasi/OpdListPage';
import { PegawaiDetailPage } from './pages/pegawai/PegawaiDetailPage';
import { PegawaiListPage } from './pages/pegawai/PegawaiListPage';
import { PegawaiNewPage } from './pages/pegawai/PegawaiNewPage';
import { KeluargaNewPage } from './pages/penduduk/KeluargaNewPage';
import { KeluargaPage } from './pages/penduduk/KeluargaPage';
import { PendudukDetailPage } from './pages/penduduk/PendudukDetailPage';
import { PendudukListPage } from './pages/penduduk/PendudukListPage';
import { PendudukNewPage } from './pages/penduduk/PendudukNewPage';
import { AnggaranCreatePage } from './pages/program/AnggaranCreatePage';
import { AnggaranDetailPage } from './pages/program/AnggaranDetailPage';
import { AnggaranListPage } from './pages/program/AnggaranListPage';
import { ImportPage as ProgramImportPage } from './pages/program/ImportPage';
import { NomenklaturPage } from './pages/program/NomenklaturPage';
import { SayaPage } from './pages/saya/SayaPage';
import { SignInPage } from './pages/SignInPage';
import { NotFoundPage } from './pages/StatusPages';
import { UserDetailPage } from './pages/users/UserDetailPage';
import { UsersPage } from './pages/users/UsersPage';
import { VerifikasiPage } from './pages/verifikasi/VerifikasiPage';
import { WilayahPage } from './pages/wilayah/WilayahPage';
import { Shell } from './shell/Shell';

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route path={SIGN_IN_PATH} element={<SignInPage />} />
            {/* Public: residents open their own account (NIK + name + birth date checked against the registry). */}
            <Route path="daftar" element={<DaftarPage />} />
            {/* Public: the page a letter's QR code opens, without signing in. */}
            <Route path="verifikasi/:token" element={<VerifikasiPage />} />
            {/* Public: track a letter request by its code, status and dates only. */}
            <Route path="lacak" element={<LacakPage />} />
            <Route path="lacak/:kode" element={<LacakPage />} />
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
                path="penduduk/baru"
                element={
                  <RequirePermission permission="penduduk.manage">
                    <PendudukNewPage />
                  </RequirePermission>
                }
              />
              <Route
                path="penduduk/:ref"
                element={
                  <RequirePermission permission="penduduk.read">
                    <PendudukDetailPage />
                  </RequirePermission>
                }
              />
              <Route
                path="keluarga/baru"
                element={
                  <RequirePermission permission="penduduk.manage">
                    <KeluargaNewPage />
                  </RequirePermission>
                }
              />
              <Route
                path="keluarga/:ref"
                element={
                  <RequirePermission permission="penduduk.read">
                    <KeluargaPage />
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
                path="pegawai/baru"
                element={
                  <RequirePermission permission="pegawai.manage">
                    <PegawaiNewPage />
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
              <Route path="program" element={<AnggaranListPage />} />
              <Route path="program/anggaran/baru" element={<AnggaranCreatePage />} />
              <Route path="program/anggaran/:id" element={<AnggaranDetailPage />} />
              <Route path="program/nomenklatur" element={<NomenklaturPage />} />
              <Route
                path="program/impor"
                element={
                  <RequirePermission permission="program.manage">
                    <ProgramImportPage />
                  </RequirePermission>
                }
              />
              {/* Own records: the page checks penduduk.self or pegawai.self itself (either one will do). */}
              <Route path="saya" element={<SayaPage />} />
              {/* E-kelurahan: residents' letters (layanan.self), kelurahan queues, the kecamatan view, figures, the catalogue. */}
              <Route
                path="layanan"
                element={
                  <RequirePermission permission="layanan.self">
                    <KatalogPage />
                  </RequirePermission>
                }
              />
              <Route
                path="layanan/ajukan/:jenis"
                element={
                  <RequirePermission permission="layanan.self">
                    <AjukanPage />
                  </RequirePermission>
                }
              />
              <Route
                path="layanan/saya"
                element={
                  <RequirePermission permission="layanan.self">
                    <PermohonanSayaPage />
                  </RequirePermission>
                }
              />
              <Route
                path="layanan/saya/:ref"
                element={
                  <RequirePermission permission="layanan.self">
                    <PermohonanSayaDetailPage />
                  </RequirePermission>
                }
              />
              <Route
                path="antrian-layanan"
                element={
                  <RequirePermission permission="layanan.proses">
                    <AntrianPage />
                  </RequirePermission>
                }
              />
              <Route
                path="antrian-layanan/loket"
                element={
                  <RequirePermission permission="layanan.proses">
                    <LoketPage />
                  </RequirePermission>
                }
              />
              <Route
                path="antrian-layanan/:ref"
                element={
                  <RequirePermission permission="layanan.proses">
                    <AntrianDetailPage />
                  </RequirePermission>
                }
              />
              <Route
                path="layanan-kecamatan"
                element={
                  <RequirePermission permission="layanan.kecamatan">
                    <KecamatanPage />
                  </RequirePermission>
                }
              />
              <Route
                path="layanan-kecamatan/:ref"
                element={
                  <RequirePermission permission="layanan.kecamatan">
                    <KecamatanDetailPage />
                  </RequirePermission>
                }
              />
              <Route
                path="statistik-layanan"
                element={
                  <RequirePermission permission="layanan.statistik">
                    <StatistikPage />
                  </RequirePermission>
                }
              />
              <Route
                path="kelola-layanan"
                element={
                  <RequirePermission permission="layanan.kelola">
                    <KelolaPage />
                  </RequirePermission>
                }
              />
              <Route
                path="kelola-layanan/jenis-baru"
                element={
                  <RequirePermission permission="layanan.kelola">
                    <JenisFormPage />
                  </RequirePermission>
                }
              />
              <Route
                path="kelola-layanan/jenis/:ref"
                element={
                  <RequirePermission permission="layanan.kelola">
                    <JenisFormPage />
                  </RequirePermission>
                }
              />
              <Route
                path="kelola-layanan/hari-libur"
                element={
                  <RequirePermission permission="layanan.kelola">
                    <HariLiburPage />
                  </RequirePermission>
                }
              />
              {/* Integration hub: IntegrasiLayout shows the tabs of web/src/pages/integrasi/tabs.ts; each part adds its routes inside. */}
              <Route path="integrasi" element={<IntegrasiLayout />}>
                <Route index element={<KatalogAplikasiPage />} />
                <Route path="aplikasi/baru" element={<RequirePermission permission="integrasi.manage"><AplikasiBaruPage /></RequirePermission>} />
                <Route path="aplikasi/:kode" element={<AplikasiDetailPage />} />
                <Route path="inventaris" element={<RequirePermission permission="integrasi.manage"><InventarisPage /></RequirePermission>} />
                <Route path="peta" element={<RequirePermission permission="integrasi.read"><PetaPage /></RequirePermission>} />
                <Route path="webhook" element={<WebhookPage />} />
                <Route path="webhook/kiriman" element={<WebhookLogPage />} />
                <Route path="gateway" element={<GatewayPage />} />
                <Route path="gateway/log" element={<GatewayLogPage />} />
                <Route path="gateway/:id" element={<GatewayDetailPage />} />
                <Route path="impor" element={<RequirePermission permission="integrasi.impor"><ImporPage /></RequirePermission>} />
                <Route path="impor/:id" element={<RequirePermission permission="integrasi.impor"><ImporDetailPage /></RequirePermission>} />
                <Route path="rekonsiliasi" element={<RequirePermission permission="integrasi.rekonsiliasi"><RekonsiliasiPage /></RequirePermission>} />
                <Route path="kualitas" element={<RequirePermission permission="integrasi.impor"><KualitasPage /></RequirePermission>} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
