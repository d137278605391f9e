import { Suspense } from "react";
import { NavLink, Outlet, useNavigate } from "react-router-dom";
import { Skeleton } from "@/components/States";
import { useLogout, useSession } from "@/features/auth/api";

const LINKS = [
  { to: "/", label: "Runs", end: true },
  { to: "/stats", label: "Statistics" },
  { to: "/training", label: "Training" },
  { to: "/races", label: "Races" },
  { to: "/shoes", label: "Shoes" },
  { to: "/settings", label: "Settings" },
];

export function Layout() {
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Runnerly</span>
        <nav aria-label="Main">
          {LINKS.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          ))}
        </nav>
        <div className="account">
          <span className="muted email">{session.data?.account?.email}</span>
          <button type="button" onClick={() => logout.mutate(undefined, { onSuccess: () => navigate("/login") })}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" className="page">
        <Suspense fallback={<Skeleton lines={6} />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
