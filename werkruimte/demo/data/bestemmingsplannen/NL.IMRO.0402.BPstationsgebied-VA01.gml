<?xml version="1.0" encoding="utf-8"?>
<!-- FICTIEF: gegenereerd door werkruimte (demoregio Gooi en Vechtstreek, seed 20261123). Dit is geen echt bestemmingsplan; alleen het formaat (IMRO2012) is echt. -->
<imro:FeatureCollectionIMRO gml:id="NL.IMRO.FEATURECOLLECTION" xmlns:imro="http://www.geonovum.nl/imro/2012/1.1" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xlink="http://www.w3.org/1999/xlink" xsi:schemaLocation="http://www.geonovum.nl/imro/2012/1.1 http://schemas.geonovum.nl/imro/2012/1.1/IMRO2012.xsd">
   <imro:featureMember>
      <imro:MetadataIMRObestand gml:id="NL.IMRO.METADATA">
         <imro:datasetTitel>Stationsgebied (fictief)</imro:datasetTitel>
         <imro:creatiedatum>2026-01-01</imro:creatiedatum>
         <imro:bronbeheerder>werkruimte demoregio (fictief)</imro:bronbeheerder>
         <imro:codeerVerantwoordelijke>werkruimte</imro:codeerVerantwoordelijke>
         <imro:naamApplicatieschema>IMRO2012</imro:naamApplicatieschema>
         <imro:codeReferentiesysteem>28992</imro:codeReferentiesysteem>
         <imro:toepassingsschaal>1000</imro:toepassingsschaal>
         <imro:applicatieIdentificatie>werkruimte.demodata</imro:applicatieIdentificatie>
         <imro:versieXMLschema>1.1</imro:versieXMLschema>
      </imro:MetadataIMRObestand>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Bestemmingsplangebied gml:id="NL.IMRO.0402.BPstationsgebied-VA01">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied</imro:lokaalID>
               <imro:versie>VA01</imro:versie>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlan>bestemmingsplan</imro:typePlan>
         <imro:beleidsmatigVerantwoordelijkeOverheid>gemeentelijke overheid</imro:beleidsmatigVerantwoordelijkeOverheid>
         <imro:naamOverheid>Gemeente Hilversum (fictief plan)</imro:naamOverheid>
         <imro:overheidsCode>0402</imro:overheidsCode>
         <imro:naam>Stationsgebied (fictief)</imro:naam>
         <imro:locatieNaam>Stationsgebied</imro:locatieNaam>
         <imro:planstatusInfo>
            <imro:PlanstatusEnDatum>
               <imro:planstatus>vastgesteld</imro:planstatus>
               <imro:datum>2025-06-30</imro:datum>
            </imro:PlanstatusEnDatum>
         </imro:planstatusInfo>
         <imro:verwijzingNorm>IMRO2012</imro:verwijzingNorm>
         <imro:verwijzingNorm>PRBP2012</imro:verwijzingNorm>
         <imro:geometrie>
            <gml:Surface gml:id="id.plangebied.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140533.77 470952.83 140555.22 470946.05 140577.28 470940.26 140600.00 470935.88 140623.32 470933.48 140646.98 470933.58 140670.58 470936.61 140693.64 470942.73 140708.77 470948.97 140708.78 470948.97 140715.72 470951.83 140730.11 470959.98 140736.49 470963.59 140755.81 470977.48 140773.71 470992.98 140786.86 471006.12 140790.37 471009.63 140797.74 471017.89 140806.00 471027.14 140820.73 471045.45 140834.47 471064.63 140846.94 471084.85 140857.59 471106.24 140858.93 471109.95 140864.93 471126.55 140865.74 471128.79 140870.20 471149.96 140870.69 471152.27 140871.89 471176.21 140869.08 471200.00 140862.39 471222.96 140852.34 471244.49 140839.77 471264.24 140831.03 471275.35 140825.68 471282.14 140820.72 471287.68 140811.09 471298.43 140796.82 471313.64 140783.36 471328.39 140770.80 471343.32 140759.05 471358.62 140758.86 471358.86 140747.14 471374.94 140746.98 471375.16 140734.46 471392.03 140720.65 471408.96 140705.04 471425.26 140687.40 471440.13 140667.76 471452.88 140646.37 471463.01 140635.60 471466.44 140623.64 471470.26 140619.22 471471.08 140619.21 471471.08 140600.00 471474.65 140591.89 471475.21 140575.82 471476.33 140567.77 471476.07 140580.94 471295.99 140567.76 471476.07 140551.41 471475.55 140526.98 471472.52 140502.71 471467.30 140488.62 471462.89 140488.62 471462.88 140478.84 471459.82 140455.73 471449.89 140433.86 471437.27 140413.87 471421.83 140396.43 471403.57 140382.15 471382.80 140371.44 471360.04 140364.42 471336.01 140360.82 471311.53 140360.03 471287.34 140360.39 471280.28 140361.22 471263.98 140361.34 471262.77 140363.45 471241.71 140365.85 471220.49 140367.85 471200.00 140369.20 471179.81 140370.11 471159.46 140371.11 471138.67 140372.97 471117.37 140376.52 471095.79 140382.46 471074.40 140391.24 471053.82 140402.96 471034.66 140403.48 471034.04 140417.42 471017.42 140434.13 471002.33 140449.21 470991.73 140564.15 471094.20 140615.75 471140.19 140449.21 470991.72 140452.53 470989.39 140463.60 470983.12 140472.03 470978.35 140492.20 470968.82 140512.80 470960.41 140533.77 470952.83</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                     <gml:interior>
                        <gml:LinearRing>
                           <gml:posList>140626.51 471118.06 140626.51 471118.07 140633.65 471103.40 140626.51 471118.06</gml:posList>
                        </gml:LinearRing>
                     </gml:interior>
                     <gml:interior>
                        <gml:LinearRing>
                           <gml:posList>140646.06 471132.77 140646.06 471132.76 140646.05 471132.76 140642.74 471139.58 140646.06 471132.77</gml:posList>
                        </gml:LinearRing>
                     </gml:interior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
      </imro:Bestemmingsplangebied>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0001">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0001</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0001.label">
                           <gml:pos>140683.99 471400.49</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0001.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140734.46 471392.03 140720.65 471408.96 140705.04 471425.26 140687.40 471440.13 140667.76 471452.88 140646.37 471463.01 140635.60 471466.44 140645.82 471326.81 140747.14 471374.94 140746.98 471375.16 140734.46 471392.03</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0002">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0002</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0002.label">
                           <gml:pos>140611.26 471395.26</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0002.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140625.59 471317.20 140630.31 471319.44 140630.32 471319.44 140619.22 471471.08 140619.21 471471.08 140600.00 471474.65 140591.89 471475.21 140604.20 471307.03 140625.59 471317.20</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0003">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0003</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0003.label">
                           <gml:pos>140532.43 471379.43</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0003.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140567.76 471476.07 140551.41 471475.55 140526.98 471472.52 140502.71 471467.30 140488.62 471462.89 140488.62 471462.88 140492.14 471253.80 140580.94 471295.99 140567.76 471476.07</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0004">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0004</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Kantoor</imro:naam>
         <imro:bestemmingshoofdgroep>kantoor</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>2</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>K</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0004.label">
                           <gml:pos>140429.24 471348.03</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0004.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140433.86 471437.27 140413.87 471421.83 140396.43 471403.57 140382.15 471382.80 140371.44 471360.04 140364.42 471336.01 140360.82 471311.53 140360.03 471287.34 140360.39 471280.28 140484.21 471232.52 140492.14 471253.80 140488.62 471462.88 140478.84 471459.82 140455.73 471449.89 140433.86 471437.27</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0005">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0005</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Verkeer - Railverkeer</imro:naam>
         <imro:bestemmingshoofdgroep>verkeer</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>3</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>VR</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0005.label">
                           <gml:pos>140589.57 471342.46</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0005.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140708.78 470948.97 140715.72 470951.83 140730.11 470959.98 140621.78 471182.66 140864.93 471126.55 140865.74 471128.79 140870.20 471149.96 140611.32 471209.70 140591.89 471475.21 140575.82 471476.33 140567.77 471476.07 140588.03 471199.12 140588.16 471198.39 140588.39 471196.96 140588.45 471196.80 140588.48 471196.63 140588.80 471195.85 140589.21 471194.75 140708.78 470948.97</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0006">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0006</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Verkeer</imro:naam>
         <imro:bestemmingshoofdgroep>verkeer</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>4</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>V</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0006.label">
                           <gml:pos>140637.21 471334.90</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0006.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140619.22 471471.08 140638.81 471203.36 140655.13 471199.59 140635.60 471466.44 140623.64 471470.26 140619.22 471471.08</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0007">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0007</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Wonen</imro:naam>
         <imro:bestemmingshoofdgroep>wonen</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>5</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>W</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0007.label">
                           <gml:pos>140683.93 471294.16</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0007.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140699.69 471261.50 140759.05 471358.62 140758.86 471358.86 140747.14 471374.94 140645.82 471326.81 140653.60 471220.53 140699.69 471261.50</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0008">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0008</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Centrum</imro:naam>
         <imro:bestemmingshoofdgroep>centrum</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>6</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>C</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0008.label">
                           <gml:pos>140754.73 471274.59</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0008.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140783.36 471328.39 140770.80 471343.32 140759.05 471358.62 140699.69 471261.50 140710.44 471211.48 140820.72 471287.68 140811.09 471298.43 140796.82 471313.64 140783.36 471328.39</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0009">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0009</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Wonen</imro:naam>
         <imro:bestemmingshoofdgroep>wonen</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>5</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>W</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0009.label">
                           <gml:pos>140621.27 471258.36</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0009.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140611.32 471209.70 140635.21 471204.19 140638.53 471207.14 140630.32 471319.44 140604.20 471307.03 140611.32 471209.70</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0010">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0010</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Wonen</imro:naam>
         <imro:bestemmingshoofdgroep>wonen</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>5</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>W</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0010.label">
                           <gml:pos>140536.49 471243.16</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0010.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140588.16 471198.39 140588.03 471199.12 140588.02 471199.28 140580.94 471295.99 140492.14 471253.80 140484.21 471232.52 140590.85 471191.39 140589.21 471194.75 140588.80 471195.85 140588.48 471196.63 140588.45 471196.80 140588.39 471196.96 140588.16 471198.39</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0011">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0011</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0011.label">
                           <gml:pos>140690.37 471241.02</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0011.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140710.44 471211.48 140699.69 471261.50 140653.59 471220.53 140655.12 471199.59 140683.69 471193.00 140710.44 471211.48</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0012">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0012</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Verkeer</imro:naam>
         <imro:bestemmingshoofdgroep>verkeer</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>4</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>V</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0012.label">
                           <gml:pos>140757.36 471234.17</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0012.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140825.68 471282.14 140820.72 471287.68 140683.69 471193.00 140704.79 471188.13 140831.03 471275.35 140825.68 471282.14</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0013">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0013</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Verkeer</imro:naam>
         <imro:bestemmingshoofdgroep>verkeer</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>4</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>V</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0013.label">
                           <gml:pos>140476.10 471227.08</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0013.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140361.22 471263.98 140361.34 471262.77 140601.11 471170.29 140590.85 471191.39 140360.39 471280.28 140361.22 471263.98</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0014">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0014</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Centrum</imro:naam>
         <imro:bestemmingshoofdgroep>centrum</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>6</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>C</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0014.label">
                           <gml:pos>140802.16 471211.48</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0014.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140716.02 471185.54 140870.20 471149.96 140870.69 471152.27 140871.89 471176.21 140869.08 471200.00 140862.39 471222.96 140852.34 471244.49 140839.77 471264.24 140831.03 471275.35 140714.08 471194.55 140716.02 471185.54</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0015">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0015</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0015.label">
                           <gml:pos>140637.75 471205.67</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0015.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140635.21 471204.19 140638.81 471203.36 140638.53 471207.14 140635.21 471204.19</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0016">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0016</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0016.label">
                           <gml:pos>140712.10 471191.34</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0016.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140714.08 471194.55 140704.79 471188.13 140716.02 471185.54 140714.08 471194.55</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0017">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0017</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0017.label">
                           <gml:pos>140636.89 471175.16</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0017.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140641.10 471172.01 140640.64 471178.31 140621.78 471182.66 140623.70 471178.72 140641.10 471172.00 140641.10 471172.01</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0018">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0018</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0018.label">
                           <gml:pos>140676.94 471162.71</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0018.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140662.29 471158.76 140669.98 471150.76 140691.12 471166.66 140678.07 471169.67 140662.29 471158.76</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0019">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0019</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0019.label">
                           <gml:pos>140634.45 471157.02</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0019.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140633.96 471157.62 140634.37 471156.78 140634.90 471157.25 140633.96 471157.62</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0020">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0020</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0020.label">
                           <gml:pos>140650.83 471152.07</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0020.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140650.58 471152.02 140651.10 471152.11 140651.06 471152.11 140650.58 471152.02</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0021">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0021</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Kantoor</imro:naam>
         <imro:bestemmingshoofdgroep>kantoor</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>2</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>K</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0021.label">
                           <gml:pos>140411.85 471149.07</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0021.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140369.20 471179.81 140370.11 471159.46 140371.11 471138.67 140372.97 471117.37 140376.52 471095.79 140382.46 471074.40 140391.24 471053.82 140402.96 471034.66 140403.48 471034.04 140414.83 471046.45 140478.62 471217.53 140361.34 471262.77 140363.45 471241.71 140365.85 471220.49 140367.85 471200.00 140369.20 471179.81</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0022">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0022</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0022.label">
                           <gml:pos>140649.28 471145.38</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0022.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140641.64 471141.84 140646.06 471132.76 140657.10 471141.07 140649.57 471148.91 140645.47 471153.18 140645.46 471153.18 140649.56 471148.91 140641.64 471141.84</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0023">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0023</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Kantoor</imro:naam>
         <imro:bestemmingshoofdgroep>kantoor</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>2</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>K</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0023.label">
                           <gml:pos>140747.05 471138.66</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0023.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140858.93 471109.95 140864.93 471126.55 140691.12 471166.66 140669.98 471150.76 140713.29 471105.72 140858.93 471109.95</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0024">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0024</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Wonen</imro:naam>
         <imro:bestemmingshoofdgroep>wonen</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>5</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>W</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0024.label">
                           <gml:pos>140495.82 471125.94</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0024.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140598.29 471171.38 140478.62 471217.53 140414.83 471046.45 140496.04 471080.50 140598.29 471171.38</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0025">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0025</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Kantoor</imro:naam>
         <imro:bestemmingshoofdgroep>kantoor</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>2</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>K</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0025.label">
                           <gml:pos>140665.59 471118.93</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0025.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140659.96 471104.17 140671.85 471104.51 140691.70 471105.09 140657.10 471141.07 140646.05 471132.76 140659.96 471104.17</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0026">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0026</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0026.label">
                           <gml:pos>140563.64 471117.20</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0026.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140496.04 471080.50 140564.15 471094.20 140615.75 471140.19 140601.11 471170.29 140598.29 471171.38 140496.04 471080.50</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0027">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0027</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Kantoor</imro:naam>
         <imro:bestemmingshoofdgroep>kantoor</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>2</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>K</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0027.label">
                           <gml:pos>140623.42 471110.73</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0027.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140605.95 471102.60 140633.65 471103.40 140626.51 471118.07 140605.95 471102.60</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0028">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0028</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0028.label">
                           <gml:pos>140611.26 471110.33</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0028.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140595.20 471100.44 140605.95 471102.60 140626.51 471118.06 140626.51 471118.07 140624.77 471121.65 140623.03 471125.24 140623.02 471125.24 140595.20 471100.44</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0029">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0029</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Verkeer</imro:naam>
         <imro:bestemmingshoofdgroep>verkeer</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>4</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>V</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0029.label">
                           <gml:pos>140727.06 471079.86</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0029.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140634.90 471157.25 140634.37 471156.78 140641.64 471141.83 140649.57 471148.90 140645.46 471153.18 140645.47 471153.18 140786.86 471006.12 140790.37 471009.63 140797.74 471017.89 140662.29 471158.76 140678.07 471169.67 140656.97 471174.54 140656.96 471174.54 140640.64 471178.31 140641.10 471172.00 140623.70 471178.72 140633.96 471157.61 140634.90 471157.25</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                     <gml:interior>
                        <gml:LinearRing>
                           <gml:posList>140644.01 471154.74 140643.99 471154.77 140644.08 471154.67 140644.02 471154.73 140644.01 471154.74</gml:posList>
                        </gml:LinearRing>
                     </gml:interior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0030">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0030</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Verkeer</imro:naam>
         <imro:bestemmingshoofdgroep>verkeer</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>4</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>V</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0030.label">
                           <gml:pos>140536.12 471058.48</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0030.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140463.60 470983.12 140623.03 471125.24 140615.76 471140.19 140449.21 470991.72 140452.53 470989.39 140463.60 470983.12</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0031">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0031</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Dienstverlening</imro:naam>
         <imro:bestemmingshoofdgroep>dienstverlening</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>7</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>D</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0031.label">
                           <gml:pos>140711.77 471055.15</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0031.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140736.49 470963.59 140755.81 470977.48 140773.71 470992.98 140786.86 471006.12 140691.70 471105.09 140659.97 471104.17 140730.11 470959.98 140736.49 470963.59</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0032">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0032</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Dienstverlening</imro:naam>
         <imro:bestemmingshoofdgroep>dienstverlening</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>7</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>D</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0032.label">
                           <gml:pos>140794.81 471055.04</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0032.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140834.47 471064.63 140846.94 471084.85 140857.59 471106.24 140858.93 471109.95 140713.29 471105.72 140797.74 471017.89 140806.00 471027.14 140820.73 471045.45 140834.47 471064.63</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0033">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0033</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Dienstverlening</imro:naam>
         <imro:bestemmingshoofdgroep>dienstverlening</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>7</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>D</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0033.label">
                           <gml:pos>140596.51 471041.78</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0033.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140646.98 470933.58 140670.58 470936.61 140693.64 470942.73 140708.77 470948.97 140633.64 471103.40 140605.95 471102.60 140595.20 471100.44 140463.60 470983.12 140472.03 470978.35 140492.20 470968.82 140512.80 470960.41 140533.77 470952.83 140555.22 470946.05 140577.28 470940.26 140600.00 470935.88 140623.32 470933.48 140646.98 470933.58</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0034">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0034</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Dienstverlening</imro:naam>
         <imro:bestemmingshoofdgroep>dienstverlening</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>7</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>D</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0034.label">
                           <gml:pos>140456.39 471040.24</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0034.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140403.48 471034.04 140417.42 471017.42 140434.13 471002.33 140449.21 470991.73 140564.15 471094.20 140496.04 471080.50 140414.83 471046.45 140403.48 471034.04</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
   <imro:featureMember>
      <imro:Enkelbestemming gml:id="NL.IMRO.0402.BPstationsgebied-VA01.EB0035">
         <imro:identificatie>
            <imro:NEN3610ID>
               <imro:namespace>NL.IMRO</imro:namespace>
               <imro:lokaalID>0402.BPstationsgebied-VA01.EB0035</imro:lokaalID>
            </imro:NEN3610ID>
         </imro:identificatie>
         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>
         <imro:naam>Gemengd - 1</imro:naam>
         <imro:bestemmingshoofdgroep>gemengd</imro:bestemmingshoofdgroep>
         <imro:artikelnummer>1</imro:artikelnummer>
         <imro:labelInfo>
            <imro:Label>
               <imro:tekst>G1</imro:tekst>
               <imro:positie>
                  <imro:Labelpositie>
                     <imro:plaatsingspunt>
                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" gml:id="id.0402.BPstationsgebied-VA01.EB0035.label">
                           <gml:pos>140671.21 471026.18</gml:pos>
                        </gml:Point>
                     </imro:plaatsingspunt>
                  </imro:Labelpositie>
               </imro:positie>
            </imro:Label>
         </imro:labelInfo>
         <imro:geometrie>
            <gml:Surface gml:id="id.0402.BPstationsgebied-VA01.EB0035.geometrie" srsName="urn:ogc:def:crs:EPSG::28992">
               <gml:patches>
                  <gml:PolygonPatch>
                     <gml:exterior>
                        <gml:LinearRing>
                           <gml:posList>140708.77 470948.97 140708.78 470948.97 140633.65 471103.40 140633.64 471103.40 140708.77 470948.97</gml:posList>
                        </gml:LinearRing>
                     </gml:exterior>
                  </gml:PolygonPatch>
               </gml:patches>
            </gml:Surface>
         </imro:geometrie>
         <imro:plangebied xlink:href="#NL.IMRO.0402.BPstationsgebied-VA01" />
      </imro:Enkelbestemming>
   </imro:featureMember>
</imro:FeatureCollectionIMRO>
