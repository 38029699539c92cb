// Rapport HTML (cucumber-html-reporter, épinglé dans package.json) à partir
// du Cucumber JSON de pytest-bdd : node scripts/cucumber-html.cjs [entrée] [sortie]
const path = require("path");
const reporter = require("cucumber-html-reporter");

const entree = process.argv[2] || path.join("reports", "cucumber.json");
const sortie = process.argv[3] || path.join("reports", "cucumber.html");
reporter.generate({
  theme: "bootstrap",
  jsonFile: entree,
  output: sortie,
  brandTitle: "Recette Activité Partielle",
  name: "Scénarios du guide × profils navigateurs",
  reportSuiteAsScenarios: true,
  scenarioTimestamp: true,
  launchReport: false,
  noInlineScreenshots: true,
});
