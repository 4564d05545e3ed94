/** A cohort's results as csv (loader shared with the other format: app/cohort-results-download.server.ts). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { cohortResultsDownload } from "~/cohort-results-download.server";

export const loader = (args: LoaderFunctionArgs) => cohortResultsDownload(args, "csv");
