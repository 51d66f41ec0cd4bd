# Xiamen Jingxin JX-2R-01 2-inch thermal printer mechanism, drop-in compatible with Fujitsu FTP-628MCL101.
# Source: JX-2R-01 specification V1.5 (2015), cited as [JX2R]; digested in docs/print-head.md.
# Format: one key=value per line, '#' starts a comment. Lists are comma-separated.
# Values marked UNCONFIRMED are not in the datasheet and are the conservative choice stated beside them.

name=JX-2R-01

# Geometry (Table 1): 384 dots at 0.125 mm, STB1..STB6 of 64 dots.
dotsPerLine=384
dotPitchMicrons=125
strobeBlocks=6

# Electrical (section 3.4): R_av 176 Ohm +-4 %, R_ic 9, R_lead 10, R_com 0.05 Ohm.
heaterOhms=176
heaterMinOhms=169
driverOhms=9
leadOhms=10
commonOhms=0.05
wiringOhms=0
# V_H 3.13-9.5 V, motor 3.5-8.5 V: the common supply must suit both.
supplyMinMillivolts=3500
supplyMaxMillivolts=8500
maxSimultaneousDots=64

# Thermistor: R25 30 kOhm +-5 %, B 3950 K +-2 %.
thermistorR25Ohms=30000
thermistorBeta=3950

# Heat energy (section 3.4): T_on = E0 * (R_av + R_ic + R_lead + N * R_com)^2 / (R_av * V_H^2).
# Recommended E0 at 7.2 V, S.L.T 1.25 ms: 5 degC 0.16 mJ, 25 degC 0.13 mJ, 45 degC 0.11 mJ (linear between
# and beyond these points).
energyMicrojoulesAtCelsius=5:160,25:130,45:110
effectiveVoltageGain=1
effectiveVoltageOffset=0
pulseCorrection=none
# 0.0625 mm per motor step (1-2 phase, 9 degrees), so 2 steps per 0.125 mm dot line; one firing per line.
# UNCONFIRMED: the datasheet phase table did not extract; open-source firmware for this head class uses
# 4 half-steps per line, so this is a profile value, not a constant.
stepsPerDotLine=2
heatsPerDotLine=1

# Motor: 2-phase bipolar, 1-2 phase. Phase table UNCONFIRMED (same 8-state order as the SII table).
excitation=HOLO,HHLL,OHOL,LHHL,LOHO,LLHH,OLOH,HLLH
# Max pulse rate versus motor voltage at 25 degC (datasheet table), linear between points.
maxPpsAtMillivolts=3500:500,4000:650,4500:850,5000:980,5500:1050,6200:1100,7800:1200,8500:1280
# Acceleration: UNCONFIRMED (no table in the datasheet). Start step 2500 us (400 pps, the datasheet's slow
# feed range 400-600 pps), then constant acceleration of 3.6e4 steps/s^2 (2.25 m/s^2 of paper, the same as
# the SII table) up to 1280 pps; no step raises the rate by more than 20 % (Fujitsu allows 70 %).
accelerationMicros=2500,2077,1814,1631,1495,1387,1300,1228,1166,1113,1067,1025,989,956,926,899,874,851,829,809,791,782
# Stop hold UNCONFIRMED: 10 ms as in JX-3R firmware. One dot line of feed after the last heat.
stopHoldMillis=10
feedStepsAfterHeat=2
# Backlash feed after platen close: UNCONFIRMED, the SII figure of 48 steps.
feedStepsAfterPlatenClose=48
# Continuous energisation at most 30 s; the rest time is UNCONFIRMED and taken equal to it.
motorMaxContinuousMillis=30000
motorRestMillis=30000

# Interface timing minima (Table 8, V_dd 3.3 V column), ns unless named otherwise.
clockMaxHertz=6000000
clockPulseNanos=50
dataSetupNanos=70
dataHoldNanos=40
latchSetupNanos=100
latchWidthNanos=100
latchHoldNanos=40
latchToStrobeNanos=300
latchWaitNanos=0
# S.L.T (line period) at least 1.25 ms: the same dot is fired at most once per 1.25 ms.
sameDotRestMicros=0
sameDotMinPeriodMicros=1250
# Longest strobe: UNCONFIRMED as a figure; 5 ms is the T_on formula at the E0 maximum (0.20 mJ) and 3.13 V.
maxStrobeMicros=5000

# Substrate/thermistor at most 65 degC; resume threshold UNCONFIRMED (55 degC, as in Mao-Paperang V6).
overheatStopCelsius=65
overheatResumeCelsius=55

# Motor rate outside the normal range: the datasheet's pps table is given at 25 degC only and names no cap
# (0 = none). The range is the thermistor table's -20..80 degC, UNCONFIRMED as a motor limit.
extremeMaxPps=0
normalMinCelsius=-20
normalMaxCelsius=80
