// Entry point: styles, then the app in #app.
import "./styles.css";
import { App } from "./app";

async function main(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) throw new Error("#app is missing from index.html");
  await new App(root).start();
}

void main();
