// Strava (or the sandbox) sends the browser back here with code, scope and state.
import { useEffect, useRef } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { ErrorState, Skeleton } from "@/components/States";
import { useCompleteStravaLogin } from "@/features/auth/api";
import type { Schemas } from "@/lib/api";
import { useCompleteLink } from "../api";

function useCallbackParams(): Schemas["StravaCallback"] {
  const params = useSearchParams()[0];
  const pick = (key: string) => params.get(key) ?? undefined;
  return { state: params.get("state") ?? "", code: pick("code"), scope: pick("scope"), error: pick("error") };
}

function Completing({ mutation, complete }: {
  mutation: { error: unknown; mutate: (body: Schemas["StravaCallback"], options: { onSuccess: () => void }) => void };
  complete: string;
}) {
  const body = useCallbackParams();
  const navigate = useNavigate();
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    mutation.mutate(body, { onSuccess: () => navigate(complete, { replace: true }) });
  }, [body, complete, mutation, navigate]);
  if (!mutation.error) return <Skeleton lines={2} label="Linking Strava" />;
  return (
    <main className="page" id="main">
      <ErrorState error={mutation.error} />
      <Link to={complete}>Back</Link>
    </main>
  );
}

export function StravaLinkCallback() {
  return <Completing mutation={useCompleteLink()} complete="/settings" />;
}

export function StravaLoginCallback() {
  return <Completing mutation={useCompleteStravaLogin()} complete="/settings" />;
}
