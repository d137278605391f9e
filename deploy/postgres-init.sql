-- One database per service: services share no database (run once, on an empty volume).
CREATE DATABASE tokendealer;
CREATE DATABASE data;
CREATE DATABASE strava;
CREATE DATABASE training;
CREATE DATABASE dashboard;
CREATE DATABASE import;
