import { EmptyState, QueryView } from "@/components/States";
import { usePrefs } from "@/features/auth/api";
import { useShoes } from "../api";
import { AddShoeForm } from "../components/AddShoeForm";
import { ShoeCard } from "../components/ShoeCard";

export function ShoesPage() {
  const { units, timezone } = usePrefs();
  const shoes = useShoes();
  return (
    <>
      <h1>Shoes</h1>
      <QueryView query={shoes}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title="No shoes yet">
              Add the pair you run in below, make it the default for road runs, and every run counts toward its mileage.
            </EmptyState>
          ) : (
            <ul className="shoe-list">
              {data.items.map((shoe) => (
                <ShoeCard key={shoe.id} shoe={shoe} units={units} timezone={timezone} />
              ))}
            </ul>
          )
        }
      </QueryView>
      <AddShoeForm units={units} />
    </>
  );
}
