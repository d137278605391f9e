import { lazy, Suspense } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { Skeleton } from "@/components/States";
import { useSession } from "@/features/auth/api";
import { LoginPage } from "@/features/auth/routes/LoginPage";
import { Layout } from "./Layout";

// Each page is its own chunk: the first load brings only the shell and the page opened.
const SignUpPage = lazy(() => import("@/features/auth/routes/SignUpPage").then((m) => ({ default: m.SignUpPage })));
const tokenPages = () => import("@/features/auth/routes/TokenPages");
const ConfirmSignUpPage = lazy(() => tokenPages().then((m) => ({ default: m.ConfirmSignUpPage })));
const ConfirmEmailPage = lazy(() => tokenPages().then((m) => ({ default: m.ConfirmEmailPage })));
const ForgotPasswordPage = lazy(() => tokenPages().then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => tokenPages().then((m) => ({ default: m.ResetPasswordPage })));
const UnsubscribePage = lazy(() => tokenPages().then((m) => ({ default: m.UnsubscribePage })));
const stravaPages = () => import("@/features/settings/routes/StravaCallback");
const StravaLinkCallback = lazy(() => stravaPages().then((m) => ({ default: m.StravaLinkCallback })));
const StravaLoginCallback = lazy(() => stravaPages().then((m) => ({ default: m.StravaLoginCallback })));
const RunsPage = lazy(() => import("@/features/runs/routes/RunsPage").then((m) => ({ default: m.RunsPage })));
const RunPage = lazy(() => import("@/features/runs/routes/RunPage").then((m) => ({ default: m.RunPage })));
const StatsPage = lazy(() => import("@/features/stats/routes/StatsPage").then((m) => ({ default: m.StatsPage })));
const TrainingPage = lazy(() => import("@/features/training/routes/TrainingPage").then((m) => ({ default: m.TrainingPage })));
const PlanPage = lazy(() => import("@/features/training/routes/PlanPage").then((m) => ({ default: m.PlanPage })));
const RacesPage = lazy(() => import("@/features/races/routes/RacesPage").then((m) => ({ default: m.RacesPage })));
const ShoesPage = lazy(() => import("@/features/shoes/routes/ShoesPage").then((m) => ({ default: m.ShoesPage })));
const ImportsPage = lazy(() => import("@/features/imports/routes/ImportsPage").then((m) => ({ default: m.ImportsPage })));
const SettingsPage = lazy(() => import("@/features/settings/routes/SettingsPage").then((m) => ({ default: m.SettingsPage })));

function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Skeleton lines={4} />;
  if (!session.data?.authenticated) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Layout />;
}

export function App() {
  return (
    <Suspense fallback={<Skeleton lines={4} />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignUpPage />} />
        <Route path="/confirm" element={<ConfirmSignUpPage />} />
        <Route path="/confirm-email" element={<ConfirmEmailPage />} />
        <Route path="/forgot" element={<ForgotPasswordPage />} />
        <Route path="/reset" element={<ResetPasswordPage />} />
        <Route path="/unsubscribe" element={<UnsubscribePage />} />
        <Route path="/strava/login/callback" element={<StravaLoginCallback />} />
        <Route element={<RequireSession />}>
          <Route index element={<RunsPage />} />
          <Route path="/runs/:runId" element={<RunPage />} />
          <Route path="/imports" element={<ImportsPage />} />
          <Route path="/stats" element={<StatsPage />} />
          <Route path="/training" element={<TrainingPage />} />
          <Route path="/plans/:planId" element={<PlanPage />} />
          <Route path="/races" element={<RacesPage />} />
          <Route path="/shoes" element={<ShoesPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/strava/callback" element={<StravaLinkCallback />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
