# Seiko Instruments LTPD245C, 2-inch thermal printer mechanism.
# Source: SII LTPD245C/LTPD345C Technical Reference U00112636104, 5th ed. (2012), cited as [S-LTPD245C];
# the table and equation numbers below are that document's. Digested in docs/print-head.md.
# Format: one key=value per line, '#' starts a comment. Lists are comma-separated.
# Values marked UNCONFIRMED are not in the datasheet and are the conservative choice stated beside them.

name=LTPD245C

# Geometry (Table 3-1, Fig 3-2): 384 dots at 0.125 mm, DST1..DST6 of 64 dots each (Table 3-13).
dotsPerLine=384
dotPitchMicrons=125
strobeBlocks=6

# Electrical (Table 3-15/3-17, Eq. 5): heater R_H typ/min, driver IC R_i at V_dd 3.3 V, common R_C,
# supply wiring r_C (SII asks for < 50 mOhm, section 1.2.1).
heaterOhms=173
heaterMinOhms=166
driverOhms=13
leadOhms=0
commonOhms=0.20
wiringOhms=0.05
supplyMinMillivolts=4750
supplyMaxMillivolts=9500
maxSimultaneousDots=96

# Thermistor (section 3.5.8).
thermistorR25Ohms=30000
thermistorBeta=3950

# Heat energy (Eq. 3-8): t = E * R / V^2 * C.
# E(T) = E25 - (T - 25) * TC with TF50KS-E2D paper: E25 = 0.2489 mJ, TC = 0.002885 mJ/degC (two points of that line).
energyMicrojoulesAtCelsius=25:248.9,85:75.8
# V = 1.368 * V_P - 2.800 (Eq. 6).
effectiveVoltageGain=1.368
effectiveVoltageOffset=-2.800
# C = 1 - (c1 * V_P - c2) / ((V_P - c3) * (W + c4) + c5), W = 2-step time in us (Eq. 8).
pulseCorrection=1020,1650,3.55,1350,1920
# The heater is half a dot long in the feed direction: each dot line is fired twice, once every 2 steps
# (section 3.3.3, 5.1). 4 steps of 0.03125 mm per 0.125 mm dot line.
stepsPerDotLine=4
heatsPerDotLine=2

# Motor (section 3.3): 1-2 phase excitation, pins PH1..PH4 = A, B, /A, /B; H, L, O = open (coil off,
# both inputs low on the bridge). Steps 1 to 8 feed forward.
excitation=HOLO,HHLL,OHOL,LHHL,LOHO,LLHH,OLOH,HLLH
# Max pulse rate P_M = 534 * V_P - 1339 pps (Eq. 1), capped at 3200 pps: points of that line, clamped at the ends.
maxPpsAtMillivolts=4750:1198,8500:3200
# Acceleration (Table 3-5, normal paper): step times in us. Entry 0 is the start step (the stop phase held),
# entries 1..10 are the table's 270..1136 pps; entries 11..72 follow the table's constant-acceleration
# fit f^2 = 1.44e5 * n - 1.49e5 pps^2 up to 3200 pps (313 us) at step 72.
accelerationMicros=5000,3704,2294,1770,1486,1302,1172,1074,996,933,880,835,796,762,732,706,682,660,640,622,606,590,576,563,550,539,528,518,508,499,490,482,474,467,459,453,446,440,434,428,423,417,412,407,403,398,393,389,385,381,377,373,370,366,363,359,356,353,350,347,344,341,338,335,333,330,327,325,323,320,318,316,313
# Stop: hold the last phase 20 ms (section 3.3.6). Feed one dot line after the last heat before stopping.
stopHoldMillis=20
feedStepsAfterHeat=4
# Feed at least 48 steps after the platen closes (gear backlash, section 3.3.6).
feedStepsAfterPlatenClose=48
# Motor heating (Tables 3-11/3-12): 450 s continuous at 85 % duty for V_P > 8.5 V. UNCONFIRMED for lower
# supplies: the same 450 s is used, with the rest that an 85 % duty implies (450 * 15 / 85 = 80 s).
motorMaxContinuousMillis=450000
motorRestMillis=80000

# Interface timing minima (Table 3-15, V_dd 3.0-3.6 V), ns unless named otherwise.
clockMaxHertz=8000000
clockPulseNanos=30
dataSetupNanos=30
dataHoldNanos=30
latchSetupNanos=100
latchWidthNanos=100
latchHoldNanos=50
latchToStrobeNanos=300
# t8 "LAT wait": taken as strobe off to the next latch (edge pair UNCONFIRMED, figure did not extract).
latchWaitNanos=30000
# Same element: at least 0.5 ms rest after a pulse before it is fired again (Eq. 7: W >= t + 500 us).
sameDotRestMicros=500
sameDotMinPeriodMicros=0
# Longest strobe allowed: UNCONFIRMED as a datasheet figure; 7 ms is Eq. 3 at the supply minimum, -10 degC
# and 96 dots, the longest pulse the equations ever ask for.
maxStrobeMicros=7000

# Over-temperature (section 3.5.9): software stop above 85 degC, resume below 60 degC.
overheatStopCelsius=85
overheatResumeCelsius=60

# Motor rate outside -10..50 degC (section 3.3, Eq. 1): capped at 1040 pps (the extreme-temperature table).
extremeMaxPps=1040
normalMinCelsius=-10
normalMaxCelsius=50
