DROP TABLE satisfaction_surveys;
